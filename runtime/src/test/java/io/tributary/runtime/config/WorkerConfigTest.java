package io.tributary.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.runtime.WorkerConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {
  @Test
  void everyKeyIsDocumented() {
    for (ConfigDef.ConfigKey key : WorkerConfig.configDef().configKeys().values()) {
      assertThat(key.documentation).as(key.name).isNotBlank();
    }
  }

  @Test
  void defaultsRunTheAllInOneOnLoopback() {
    WorkerConfig config = new WorkerConfig(Map.of());
    assertThat(config.getList(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG))
        .containsExactly("127.0.0.1:9092");
    assertThat(config.getList(WorkerConfig.LISTENERS_CONFIG))
        .containsExactly("http://127.0.0.1:8083");
  }

  @Test
  void anInvalidValueNamesTheKeyAndTheValue() {
    assertThatThrownBy(
            () -> new WorkerConfig(Map.of(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("offset.flush.interval.ms")
        .hasMessageContaining("soon");
  }
}
