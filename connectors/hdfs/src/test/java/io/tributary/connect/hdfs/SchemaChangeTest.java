package io.tributary.connect.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value schema change mid-stream under each {@code schema.compatibility} mode, written as Avro
 * and read back with Avro's own reader: which records start a new file and which schema each file
 * has.
 */
class SchemaChangeTest {
  static final Schema V1 =
      SchemaBuilder.struct().name("shop.Order").version(1).field("id", Schema.INT64_SCHEMA).build();
  static final Schema V2 =
      SchemaBuilder.struct()
          .name("shop.Order")
          .version(2)
          .field("id", Schema.INT64_SCHEMA)
          .field("note", SchemaBuilder.string().optional().defaultValue(null).build())
          .build();

  @TempDir java.nio.file.Path dir;
  final AtomicLong clock = new AtomicLong(1_000_000L);
  final List<HdfsSinkTask> tasks = new ArrayList<>();

  @AfterEach
  void tearDown() {
    tasks.forEach(HdfsSinkTask::stop);
  }

  static SinkRecord record(long offset, Schema schema) {
    Struct value = new Struct(schema).put("id", offset);
    if (schema.field("note") != null) {
      value.put("note", "n" + offset);
    }
    return new SinkRecord(
        "orders", 0, null, null, schema, value, offset, 1L, TimestampType.CREATE_TIME);
  }

  /** Writes the records under {@code mode} and describes each file: its fields and rows. */
  List<String> write(String mode, Schema... schemas) throws IOException {
    return write(dir.resolve(mode + schemas.length), mode, 0, schemas);
  }

  List<String> write(java.nio.file.Path base, String mode, int firstOffset, Schema... schemas)
      throws IOException {
    HdfsSinkTask task = new HdfsSinkTask(clock::get);
    tasks.add(task);
    task.initialize(new TestingSinkTaskContext());
    task.start(
        Map.of(
            "hdfs.url", base.toUri().toString(),
            "format", "avro",
            "flush.size", "100",
            "rotate.schedule.interval.ms", "60000",
            "schema.compatibility", mode));
    task.open(List.of(HdfsSinkTaskTest.TP));
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < schemas.length; i++) {
      records.add(record(firstOffset + i, schemas[i]));
    }
    task.put(records);
    clock.addAndGet(60_000);
    task.put(List.of()); // commits the last file
    return describe(base.resolve("topics/orders/partition=0").toFile());
  }

  static List<String> describe(File partitionDir) throws IOException {
    List<String> files = new ArrayList<>();
    File[] names = partitionDir.listFiles();
    assertThat(names).isNotNull();
    java.util.Arrays.sort(names);
    for (File file : names) {
      try (DataFileReader<GenericRecord> reader =
          new DataFileReader<>(file, new GenericDatumReader<>())) {
        List<String> fields =
            reader.getSchema().getFields().stream()
                .map(org.apache.avro.Schema.Field::name)
                .toList();
        List<String> rows = new ArrayList<>();
        for (GenericRecord row : reader) {
          rows.add(row.get("id") + (fields.contains("note") ? "/" + row.get("note") : ""));
        }
        files.add(fields + "=" + rows);
      }
    }
    return files;
  }

  @Test
  void noneStartsANewFileOnEveryChange() throws IOException {
    assertThat(write("NONE", V1, V1, V2, V1))
        .containsExactly("[id]=[0, 1]", "[id, note]=[2/n2]", "[id]=[3]");
  }

  @Test
  void backwardKeepsTheNewestSchemaAndProjectsOlderRecordsToIt() throws IOException {
    assertThat(write("BACKWARD", V1, V1, V2, V1))
        .containsExactly("[id]=[0, 1]", "[id, note]=[2/n2, 3/null]");
  }

  @Test
  void afterARestartBackwardResumesWithTheSchemaOfTheNewestCommittedFile() throws IOException {
    // Given files written with V1 then V2 under BACKWARD
    java.nio.file.Path base = dir.resolve("restart");
    assertThat(write(base, "BACKWARD", 0, V1, V2)).containsExactly("[id]=[0]", "[id, note]=[1/n1]");

    // When a new task gets a late V1 record
    List<String> files = write(base, "BACKWARD", 2, V1);

    // Then it is projected to V2, the schema of the newest file, as it would have been before
    assertThat(files).containsExactly("[id]=[0]", "[id, note]=[1/n1]", "[id, note]=[2/null]");
  }

  @Test
  void fullBehavesAsBackward() throws IOException {
    assertThat(write("FULL", V1, V2, V1, V2))
        .containsExactly("[id]=[0]", "[id, note]=[1/n1, 2/null, 3/n3]");
  }

  @Test
  void forwardKeepsTheOldestSchemaAndProjectsNewerRecordsToIt() throws IOException {
    assertThat(write("FORWARD", V2, V1, V2, V1))
        .containsExactly("[id, note]=[0/n0]", "[id]=[1, 2, 3]");
  }
}
