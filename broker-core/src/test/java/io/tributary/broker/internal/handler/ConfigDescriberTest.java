package io.tributary.broker.internal.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.internal.log.TopicConfigs;
import io.tributary.broker.internal.log.TopicInfo;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;
import org.junit.jupiter.api.Test;

class ConfigDescriberTest {

  private static Map<String, ConfigDescriber.Entry> byName(List<ConfigDescriber.Entry> entries) {
    return entries.stream()
        .collect(Collectors.toMap(ConfigDescriber.Entry::name, Function.identity()));
  }

  @Test
  void retentionComesFromTheMostPreciseBrokerSettingAndListsEverySynonym() {
    // Given a broker file with retention in minutes and in hours (minutes win, as in Kafka)
    BrokerConfig broker =
        new BrokerConfig(Map.of("log.retention.minutes", "30", "log.retention.hours", "2"));
    TopicInfo topic = new TopicInfo("t", Uuid.randomUuid(), 1, Map.of());

    // When the topic's configs are described
    ConfigDescriber.Entry retention =
        byName(new ConfigDescriber(broker).topic(topic)).get("retention.ms");

    // Then the value is 30 minutes, from a static broker config, with the synonyms in order
    assertThat(retention.value()).isEqualTo("1800000");
    assertThat(retention.source()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);
    assertThat(retention.type()).isEqualTo(ConfigType.LONG);
    assertThat(retention.synonyms())
        .extracting(
            ConfigDescriber.Synonym::name,
            ConfigDescriber.Synonym::value,
            ConfigDescriber.Synonym::source)
        .containsExactly(
            tuple("log.retention.minutes", "30", ConfigSource.STATIC_BROKER_CONFIG),
            tuple("log.retention.hours", "2", ConfigSource.STATIC_BROKER_CONFIG),
            tuple("log.retention.ms", "604800000", ConfigSource.DEFAULT_CONFIG));
  }

  @Test
  void aTopicOverrideWinsAndListsAreCommaSeparated() {
    BrokerConfig broker = new BrokerConfig(Map.of("log.cleanup.policy", "compact"));
    TopicInfo topic =
        new TopicInfo("t", Uuid.randomUuid(), 1, Map.of("cleanup.policy", "compact,delete"));
    ConfigDescriber.Entry policy =
        byName(new ConfigDescriber(broker).topic(topic)).get("cleanup.policy");
    assertThat(policy.value()).isEqualTo("compact,delete");
    assertThat(policy.source()).isEqualTo(ConfigSource.TOPIC_CONFIG);
    assertThat(policy.synonyms())
        .extracting(ConfigDescriber.Synonym::source)
        .containsExactly(
            ConfigSource.TOPIC_CONFIG,
            ConfigSource.STATIC_BROKER_CONFIG,
            ConfigSource.DEFAULT_CONFIG);
    assertThat(policy.readOnly()).isFalse();
  }

  @Test
  void everyTopicAndBrokerConfigIsDescribed() {
    BrokerConfig broker = new BrokerConfig(Map.of("num.io.threads", "4"));
    ConfigDescriber describer = new ConfigDescriber(broker);
    assertThat(describer.topic(new TopicInfo("t", Uuid.randomUuid(), 1, Map.of())))
        .extracting(ConfigDescriber.Entry::name)
        .containsExactlyElementsOf(
            TopicConfigs.keys().stream().map(TopicConfigs.Key::name).toList());
    Map<String, ConfigDescriber.Entry> brokerEntries = byName(describer.broker());
    assertThat(brokerEntries.keySet()).isEqualTo(BrokerConfig.names());
    assertThat(brokerEntries.get("num.io.threads").value()).isEqualTo("4");
    assertThat(brokerEntries.get("num.io.threads").source())
        .isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);
    assertThat(brokerEntries.get("num.network.threads").source())
        .isEqualTo(ConfigSource.DEFAULT_CONFIG);
    assertThat(brokerEntries.values()).allSatisfy(e -> assertThat(e.readOnly()).isTrue());
    // a config without a default has no value and no synonyms
    assertThat(brokerEntries.get("log.retention.hours").value()).isNull();
    assertThat(brokerEntries.get("log.retention.hours").synonyms()).isEmpty();
  }
}
