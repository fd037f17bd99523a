package io.tributary.connect.hdfs.partition;

import static io.tributary.connect.hdfs.partition.PartitionersTest.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class FieldPartitionerTest {
  static final Schema CITY =
      SchemaBuilder.struct()
          .name("City")
          .field("name", Schema.STRING_SCHEMA)
          .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
          .build();

  static final Schema ORDER =
      SchemaBuilder.struct()
          .name("Order")
          .field("country", Schema.STRING_SCHEMA)
          .field("shard", Schema.INT64_SCHEMA)
          .field("paid", Schema.BOOLEAN_SCHEMA)
          .field("total", Schema.FLOAT64_SCHEMA)
          .field("city", CITY)
          .build();

  static Struct order(String country) {
    return new Struct(ORDER)
        .put("country", country)
        .put("shard", 4L)
        .put("paid", true)
        .put("total", 9.5)
        .put("city", new Struct(CITY).put("name", "Paris"));
  }

  static SinkRecord record(Schema schema, Object value) {
    return new SinkRecord("orders", 2, null, null, schema, value, 11L, 0L, null);
  }

  static Partitioner partitioner(String fields) {
    return Partitioners.create(
        config(Map.of("partitioner.class", "field", "partition.field.name", fields)));
  }

  @Test
  void oneDirectoryLevelPerFieldInTheConfiguredOrder() {
    Partitioner partitioner = partitioner("country, shard,paid");

    assertThat(partitioner.encodePartition(record(ORDER, order("FR")), 0L))
        .isEqualTo("country=FR/shard=4/paid=true");
  }

  @Test
  void nestedFieldsAreNamedWithDots() {
    Partitioner partitioner = partitioner("city.name,country");

    assertThat(partitioner.encodePartition(record(ORDER, order("FR")), 0L))
        .isEqualTo("city.name=Paris/country=FR");
  }

  @Test
  void schemalessMapsArePartitionedToo() {
    Partitioner partitioner = partitioner("region,meta.tier");
    Map<String, Object> value = Map.of("region", "eu", "meta", Map.of("tier", 2));

    assertThat(partitioner.encodePartition(record(null, value), 0L))
        .isEqualTo("region=eu/meta.tier=2");
  }

  @Test
  void confluentsFieldPartitionerClassName() {
    Partitioner partitioner =
        Partitioners.create(
            config(
                Map.of(
                    "partitioner.class",
                    "io.confluent.connect.storage.partitioner.FieldPartitioner",
                    "partition.field.name",
                    "country")));

    assertThat(partitioner.encodePartition(record(ORDER, order("DE")), 0L)).isEqualTo("country=DE");
  }

  @Test
  void recordsThatCannotBePartitionedFailNamingFieldAndRecord() {
    assertThatThrownBy(() -> partitioner("missing").encodePartition(record(ORDER, order("FR")), 0))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("'missing'")
        .hasMessageContaining("orders-2@11");
    assertThatThrownBy(() -> partitioner("city.zip").encodePartition(record(ORDER, order("FR")), 0))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("'city.zip'")
        .hasMessageContaining("null");
    assertThatThrownBy(() -> partitioner("total").encodePartition(record(ORDER, order("FR")), 0))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Double");
    assertThatThrownBy(() -> partitioner("city").encodePartition(record(ORDER, order("FR")), 0))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Struct");
    assertThatThrownBy(() -> partitioner("country").encodePartition(record(ORDER, order("a/b")), 0))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("cannot be a directory name");
    assertThatThrownBy(() -> partitioner("country").encodePartition(record(null, "text"), 0))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("not a struct or map");
    Map<String, Object> nullParent = new HashMap<>();
    nullParent.put("meta", null);
    assertThatThrownBy(() -> partitioner("meta.tier").encodePartition(record(null, nullParent), 0))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("null");
  }

  @Test
  void theFieldPartitionerNeedsFieldNames() {
    assertThatThrownBy(() -> Partitioners.create(config(Map.of("partitioner.class", "field"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("partition.field.name");
  }
}
