package io.tributary.connect.hdfs.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class PartitionersTest {

  static AbstractConfig config(Map<String, String> props) {
    ConfigDef def = new ConfigDef();
    Partitioners.define(def);
    return new AbstractConfig(def, props);
  }

  static SinkRecord record(Object value) {
    return new SinkRecord("orders", 7, null, null, null, value, 42L, 0L, null);
  }

  @Test
  void theDefaultPartitionerWritesOneDirectoryPerKafkaPartition() {
    Partitioner partitioner = Partitioners.create(config(Map.of()));

    assertThat(partitioner).isInstanceOf(DefaultPartitioner.class);
    assertThat(partitioner.encodePartition(record("x"), 0L)).isEqualTo("partition=7");
  }

  @Test
  void confluentsDefaultPartitionerClassNameMapsToOurs() {
    Partitioner partitioner =
        Partitioners.create(
            config(
                Map.of(
                    "partitioner.class",
                    "io.confluent.connect.storage.partitioner.DefaultPartitioner")));

    assertThat(partitioner.encodePartition(record(null), 0L)).isEqualTo("partition=7");
  }

  @Test
  void aCustomPartitionerClassIsInstantiated() {
    Partitioner partitioner =
        Partitioners.create(config(Map.of("partitioner.class", TopicPartitioner.class.getName())));

    assertThat(partitioner.encodePartition(record(null), 0L)).isEqualTo("t=orders");
  }

  @Test
  void unknownPartitionersAreRejectedNamingTheKey() {
    assertThatThrownBy(
            () -> Partitioners.create(config(Map.of("partitioner.class", "com.example.Nope"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("partitioner.class")
        .hasMessageContaining("com.example.Nope");
    assertThatThrownBy(
            () -> Partitioners.create(config(Map.of("partitioner.class", String.class.getName()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not implement");
  }

  @Test
  void unknownPartitionerClassesFailValidationNotJustCreation() {
    ConfigDef def = new ConfigDef();
    Partitioners.define(def);

    Map<String, org.apache.kafka.common.config.ConfigValue> result = new java.util.HashMap<>();
    def.validate(Map.of("partitioner.class", "com.example.Nope"))
        .forEach(v -> result.put(v.name(), v));

    assertThat(result.get("partitioner.class").errorMessages())
        .singleElement()
        .asString()
        .contains("com.example.Nope");
  }

  @Test
  void shortNamesAreCaseInsensitive() {
    assertThat(Partitioners.create(config(Map.of("partitioner.class", "Default"))))
        .isInstanceOf(DefaultPartitioner.class);
  }

  @Test
  void everyKeyIsDocumented() {
    ConfigDef def = new ConfigDef();
    Partitioners.define(def);

    assertThat(def.configKeys().values())
        .allSatisfy(key -> assertThat(key.documentation).isNotBlank());
  }

  /** A user partitioner taking its config. */
  public static final class TopicPartitioner implements Partitioner {
    public TopicPartitioner(AbstractConfig config) {}

    @Override
    public String encodePartition(SinkRecord record, long nowMs) {
      return "t=" + record.topic();
    }
  }
}
