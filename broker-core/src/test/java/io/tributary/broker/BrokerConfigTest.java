package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.internal.log.LogConfig;
import io.tributary.broker.internal.log.TopicConfigs;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

  @Test
  void everyBrokerAndTopicKeyIsDocumented() {
    for (ConfigDef def : new ConfigDef[] {BrokerConfig.definition(), TopicConfigs.definition()}) {
      def.configKeys()
          .values()
          .forEach(key -> assertThat(key.documentation).as(key.name).isNotBlank());
    }
  }

  @Test
  void everyTopicConfigHasABrokerDefault() {
    for (TopicConfigs.Key key : TopicConfigs.keys()) {
      assertThat(BrokerConfig.names()).as(key.name()).contains(key.brokerName());
    }
  }

  @Test
  void brokerDefaultsFlowIntoTopicConfigsAndTopicOverridesWin() {
    // Given a broker with a one-hour retention in Kafka's hours form and LogAppendTime
    BrokerConfig config =
        new BrokerConfig(
            Map.of("log.retention.hours", "1", "log.message.timestamp.type", "LogAppendTime"));
    // When a topic overrides only its segment size
    LogConfig log = TopicConfigs.resolve(config.topicDefaults(), Map.of("segment.bytes", "4096"));
    // Then both the broker defaults and the override apply
    assertThat(log.retentionMs()).isEqualTo(3_600_000L);
    assertThat(log.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
    assertThat(log.segmentBytes()).isEqualTo(4096);
  }

  @Test
  void invalidValuesNameTheKeyAndTheValue() {
    assertThatThrownBy(() -> new BrokerConfig(Map.of("num.partitions", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("num.partitions")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> new BrokerConfig(Map.of("listeners", "SSL://127.0.0.1:9093")))
        .hasMessageContaining("listeners")
        .hasMessageContaining("PLAINTEXT");
    assertThatThrownBy(() -> new BrokerConfig(Map.of("no.such.key", "1")))
        .hasMessageContaining("no.such.key");
    assertThatThrownBy(() -> TopicConfigs.validate(Map.of("cleanup.policy", "archive")))
        .hasMessageContaining("cleanup.policy")
        .hasMessageContaining("archive");
    assertThatThrownBy(() -> TopicConfigs.validate(Map.of("compression.type", "zstd")))
        .hasMessageContaining("compression.type");
  }
}
