package io.tributary.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkAvroTest {
  private static final TopicPartition TP = new TopicPartition("orders", 3);
  private static final Schema ADDRESS =
      SchemaBuilder.struct()
          .name("com.example.Address")
          .field("city", Schema.STRING_SCHEMA)
          .optional()
          .build();
  private static final Schema ORDER =
      SchemaBuilder.struct()
          .name("com.example.Order")
          .field("id", Schema.INT64_SCHEMA)
          .field("qty", Schema.INT16_SCHEMA)
          .field("price", Decimal.schema(2))
          .field("at", Timestamp.SCHEMA)
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .field("payload", Schema.BYTES_SCHEMA)
          .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
          .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.FLOAT64_SCHEMA).build())
          .field("counts", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
          .field("ship", ADDRESS)
          .field("bill", ADDRESS)
          .build();

  @TempDir Path dir;

  private FileSinkTask startTask(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(extra);
    props.put(FileSinkConfig.FILE_DIR_CONFIG, dir.toString());
    props.put(FileSinkConfig.FORMAT_CONFIG, "avro");
    FileSinkTask task = new FileSinkTask(() -> 0L);
    task.initialize(new TestingSinkTaskContext());
    task.start(props);
    task.open(List.of(TP));
    return task;
  }

  private static SinkRecord order(long offset) {
    Struct value =
        new Struct(ORDER)
            .put("id", offset)
            .put("qty", (short) 2)
            .put("price", new BigDecimal("12.34"))
            .put("at", new java.util.Date(1_700_000_000_000L + offset))
            .put("note", offset % 2 == 0 ? null : "odd")
            .put("payload", new byte[] {7, (byte) offset})
            .put("tags", List.of("a", "b"))
            .put("attrs", Map.of("w", 1.5))
            .put("counts", Map.of(1, "one"))
            .put("ship", new Struct(ADDRESS).put("city", "Oslo"))
            .put("bill", null);
    return new SinkRecord(TP.topic(), TP.partition(), null, null, ORDER, value, offset);
  }

  private static List<Object> read(Path file) throws Exception {
    List<Object> records = new ArrayList<>();
    try (DataFileReader<Object> reader =
        new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
      reader.forEach(records::add);
      assertThat(reader.getMetaString("avro.codec")).isIn("deflate", "null", null);
    }
    return records;
  }

  @Test
  void writesStructsAsAvroContainerFilesWithDeflate() throws Exception {
    // Given an Avro sink with deflate blocks, 3 records a file
    FileSinkTask task = startTask(Map.of("avro.codec", "deflate", "flush.size", "3"));

    // When three orders arrive
    task.put(List.of(order(10), order(11), order(12)));

    // Then one .avro file holds them, readable by Avro with the converted schema
    List<String> files = SinkFiles.completed(dir);
    assertThat(files).containsExactly("orders+3+00000000000000000010+00000000000000000012.avro");
    Path file = dir.resolve(files.get(0));
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
      assertThat(reader.getMetaString("avro.codec")).isEqualTo("deflate");
      org.apache.avro.Schema schema = reader.getSchema();
      assertThat(schema.getFullName()).isEqualTo("com.example.Order");
      assertThat(schema.getField("price").schema().getLogicalType())
          .isEqualTo(LogicalTypes.decimal(64, 2));
      assertThat(schema.getField("at").schema().getLogicalType())
          .isEqualTo(LogicalTypes.timestampMillis());
      assertThat(schema.getField("note").schema().isNullable()).isTrue();
    }
    List<Object> records = read(file);
    assertThat(records).hasSize(3);
    GenericRecord first = (GenericRecord) records.get(0);
    assertThat(first.get("id")).isEqualTo(10L);
    assertThat(first.get("qty")).isEqualTo(2);
    assertThat(new BigDecimal(new java.math.BigInteger(bytes(first.get("price"))), 2))
        .isEqualTo(new BigDecimal("12.34"));
    assertThat(first.get("at")).isEqualTo(1_700_000_000_010L);
    assertThat(first.get("note")).isNull();
    assertThat(((GenericRecord) records.get(1)).get("note")).hasToString("odd");
    assertThat(bytes(first.get("payload"))).containsExactly(7, 10);
    assertThat(first.get("tags").toString()).isEqualTo("[a, b]");
    assertThat(first.get("attrs").toString()).isEqualTo("{w=1.5}");
    assertThat(first.get("counts").toString()).contains("\"key\": 1", "\"value\": \"one\"");
    assertThat(((GenericRecord) first.get("ship")).get("city")).hasToString("Oslo");
    assertThat(first.get("bill")).isNull();
  }

  @Test
  void anotherSchemaStartsAnotherFile() throws Exception {
    FileSinkTask task = startTask(Map.of("flush.size", "10"));
    SinkRecord plain =
        new SinkRecord(TP.topic(), TP.partition(), null, null, Schema.STRING_SCHEMA, "s", 2);

    task.put(List.of(order(0), order(1), plain));
    task.put(
        List.of(new SinkRecord(TP.topic(), TP.partition(), null, null, Schema.INT32_SCHEMA, 5, 3)));

    assertThat(SinkFiles.completed(dir))
        .containsExactly(
            "orders+3+00000000000000000000+00000000000000000001.avro",
            "orders+3+00000000000000000002+00000000000000000002.avro");
    assertThat(read(dir.resolve(SinkFiles.completed(dir).get(1))).toString()).isEqualTo("[s]");
  }

  @Test
  void schemalessValuesAreRejected() {
    FileSinkTask task = startTask(Map.of());
    assertThatThrownBy(
            () ->
                task.put(List.of(new SinkRecord("orders", 3, null, null, null, Map.of("a", 1), 0))))
        .hasMessageContaining("format=avro needs records with a value schema");
  }

  @Test
  void gzipIsRejectedForAvro() {
    FileSinkConnector connector = new FileSinkConnector();
    Map<String, String> config =
        Map.of("topics", "t", "file.dir", "/o", "format", "avro", "compression", "gzip");
    assertThat(
            connector.validate(config).configValues().stream()
                .filter(v -> v.name().equals("compression"))
                .findFirst()
                .orElseThrow()
                .errorMessages())
        .singleElement()
        .asString()
        .contains("avro.codec");
  }

  private static byte[] bytes(Object value) {
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
