package io.tributary.connect.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task on {@code file://}: commit by rename, offsets, recovery and each rotation rule. */
class HdfsSinkTaskTest {
  static final String TOPIC = "orders";
  static final TopicPartition TP = new TopicPartition(TOPIC, 0);

  @TempDir java.nio.file.Path dir;
  final AtomicLong clock = new AtomicLong(1_000_000L);
  final List<HdfsSinkTask> tasks = new ArrayList<>();
  FileSystem fs;
  Path topicsDir;

  @BeforeEach
  void setUp() throws IOException {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
    fs = FileSystem.newInstance(dir.toUri(), conf);
    topicsDir = new Path(dir.toUri().toString(), "topics");
  }

  @AfterEach
  void tearDown() throws IOException {
    for (HdfsSinkTask task : tasks) {
      task.stop();
    }
    fs.close();
  }

  Map<String, String> props(String... extra) {
    Map<String, String> props = new HashMap<>();
    props.put("hdfs.url", dir.toUri().toString());
    props.put("format", "json");
    props.put("flush.size", "10");
    for (int i = 0; i < extra.length; i += 2) {
      props.put(extra[i], extra[i + 1]);
    }
    return props;
  }

  HdfsSinkTask start(TestingSinkTaskContext context, Map<String, String> props) {
    HdfsSinkTask task = new HdfsSinkTask(clock::get);
    tasks.add(task);
    task.initialize(context);
    task.start(props);
    task.open(List.of(TP));
    return task;
  }

  static SinkRecord record(long offset) {
    return record(offset, 1_000L + offset);
  }

  static SinkRecord record(long offset, long timestamp) {
    return new SinkRecord(
        TOPIC,
        0,
        null,
        null,
        Schema.STRING_SCHEMA,
        "v-" + offset,
        offset,
        timestamp,
        TimestampType.CREATE_TIME);
  }

  static List<SinkRecord> records(long from, long to) {
    List<SinkRecord> records = new ArrayList<>();
    for (long offset = from; offset < to; offset++) {
      records.add(record(offset));
    }
    return records;
  }

  List<String> committedNames() throws IOException {
    return SinkFiles.committed(fs, topicsDir, TOPIC).stream().map(Path::getName).toList();
  }

  /** The offsets of the committed records, read back from the files, in file order. */
  List<Long> committedOffsets() throws IOException {
    List<Long> offsets = new ArrayList<>();
    for (String line : SinkFiles.committedLines(fs, topicsDir, TOPIC)) {
      offsets.add(Long.parseLong(line.replaceAll("[^0-9]", "")));
    }
    return offsets;
  }

  static long committable(HdfsSinkTask task) {
    OffsetAndMetadata offset = task.preCommit(Map.of()).get(TP);
    return offset == null ? -1 : offset.offset();
  }

  @Test
  void filesAreCommittedByRenameWithOffsetsInTheirNamesAndOnlyTheirOffsetsAreCommittable()
      throws IOException {
    // Given a task with flush.size=10
    HdfsSinkTask task = start(new TestingSinkTaskContext(), props());

    // When 25 records arrive
    task.put(records(0, 25));

    // Then two files are committed under topics/<topic>/partition=0 with Confluent's names
    assertThat(SinkFiles.list(fs, new Path(topicsDir, TOPIC)))
        .containsExactly(
            "partition=0/orders+0+0000000000+0000000009.json",
            "partition=0/orders+0+0000000010+0000000019.json");
    assertThat(committedOffsets()).containsExactlyElementsOf(range(0, 20));
    // the last five records are in a temporary file, and not committable
    assertThat(SinkFiles.list(fs, new Path(topicsDir, HdfsStorage.TEMP_DIR))).hasSize(1);
    assertThat(committable(task)).isEqualTo(20);
  }

  @Test
  void aRestartedTaskSeeksAfterTheLastCommittedFileDeletesLeftoversAndWritesNoDuplicate()
      throws IOException {
    // Given a task that committed 0..19 and crashed with 20..24 in a temporary file
    HdfsSinkTask crashed = start(new TestingSinkTaskContext(), props());
    crashed.put(records(0, 25));
    tasks.remove(crashed); // never stopped: its temporary file stays behind, as after a kill

    // When a new task opens the partition
    TestingSinkTaskContext context = new TestingSinkTaskContext();
    HdfsSinkTask task = start(context, props());

    // Then it seeks after the last committed record and the leftover is gone
    assertThat(context.seeks).containsEntry(TP, 20L);
    assertThat(SinkFiles.list(fs, new Path(topicsDir, HdfsStorage.TEMP_DIR))).isEmpty();

    // And records redelivered from before the seek are dropped, the rest written once
    task.put(records(15, 40));
    assertThat(committedOffsets()).containsExactlyElementsOf(range(0, 40));
    assertThat(committable(task)).isEqualTo(40);
  }

  @Test
  void aPartitionWithNoFilesIsNotSoughtAndCommitsFromItsFirstRecord() throws IOException {
    TestingSinkTaskContext context = new TestingSinkTaskContext();
    HdfsSinkTask task = start(context, props());
    assertThat(context.seeks).isEmpty();
    assertThat(committable(task)).isEqualTo(-1);

    task.put(records(100, 105));

    assertThat(committable(task)).as("nothing committed past the first record").isEqualTo(100);
  }

  @Test
  void rotateIntervalUsesRecordTime() throws IOException {
    // Given rotate.interval.ms=1000 and a large flush.size
    HdfsSinkTask task =
        start(
            new TestingSinkTaskContext(),
            props("flush.size", "1000", "rotate.interval.ms", "1000"));

    // When records span 2.5 s of record time
    task.put(
        List.of(
            record(0, 10_000),
            record(1, 10_500),
            record(2, 11_000),
            record(3, 11_999),
            record(4, 12_000),
            record(5, 12_500)));

    // Then a record 1000 ms after a file's first record starts a new file
    assertThat(committedNames())
        .containsExactly(
            "orders+0+0000000000+0000000001.json", "orders+0+0000000002+0000000003.json");
    assertThat(committable(task)).isEqualTo(4);
  }

  @Test
  void withATimeBasedPartitionerRotateIntervalUsesItsTimestampExtractor() throws IOException {
    // Given a daily partitioner by a value field, and rotate.interval.ms=1000
    Schema schema =
        org.apache.kafka.connect.data.SchemaBuilder.struct()
            .name("Click")
            .field("ts", Schema.INT64_SCHEMA)
            .build();
    HdfsSinkTask task =
        start(
            new TestingSinkTaskContext(),
            props(
                "flush.size", "1000",
                "rotate.interval.ms", "1000",
                "partitioner.class", "daily",
                "timestamp.extractor", "RecordField",
                "timestamp.field", "ts",
                "timezone", "UTC",
                "locale", "en"));

    // When the field's time spans 1.5 s while the Kafka timestamps are all the same
    long day = 1_763_769_600_000L; // 2025-11-22T00:00:00Z
    List<SinkRecord> records = new ArrayList<>();
    long[] times = {day, day + 500, day + 1_000, day + 1_500};
    for (int offset = 0; offset < times.length; offset++) {
      records.add(
          new SinkRecord(
              TOPIC,
              0,
              null,
              null,
              schema,
              new org.apache.kafka.connect.data.Struct(schema).put("ts", times[offset]),
              offset,
              5L,
              TimestampType.CREATE_TIME));
    }
    task.put(records);

    // Then the field's time rotated the file, under the day's directory
    assertThat(SinkFiles.list(fs, new Path(topicsDir, TOPIC)))
        .containsExactly("year=2025/month=11/day=22/orders+0+0000000000+0000000001.json");
  }

  @Test
  void rotateScheduleIntervalCommitsOnTheWallClockEvenWithoutRecords() throws IOException {
    // Given rotate.schedule.interval.ms=60000, the clock at 1,000,000 ms
    HdfsSinkTask task =
        start(
            new TestingSinkTaskContext(),
            props("flush.size", "1000", "rotate.schedule.interval.ms", "60000"));
    task.put(records(0, 3));

    // When the clock passes the next multiple of the interval with no record arriving
    clock.set(1_019_999L);
    task.put(List.of());
    assertThat(committedNames()).isEmpty();
    clock.set(1_020_000L);
    task.put(List.of());

    // Then the open file is committed and its offsets are committable
    assertThat(committedNames()).containsExactly("orders+0+0000000000+0000000002.json");
    assertThat(committable(task)).isEqualTo(3);
  }

  @Test
  void rotateScheduleIntervalIsAlsoCheckedOnPreCommit() throws IOException {
    HdfsSinkTask task =
        start(
            new TestingSinkTaskContext(),
            props("flush.size", "1000", "rotate.schedule.interval.ms", "60000"));
    task.put(records(0, 3));
    clock.set(1_080_000L);

    assertThat(committable(task)).isEqualTo(3);
    assertThat(committedNames()).containsExactly("orders+0+0000000000+0000000002.json");
  }

  @Test
  void fileMaxBytesCommitsLargeFiles() throws IOException {
    // Given files of at most 30 bytes (each line is about 6 bytes)
    HdfsSinkTask task =
        start(new TestingSinkTaskContext(), props("flush.size", "1000", "file.max.bytes", "30"));

    task.put(records(0, 20));

    List<String> names = committedNames();
    assertThat(names).hasSizeGreaterThan(1);
    assertThat(committedOffsets()).containsExactlyElementsOf(range(0, committable(task)));
    for (Path file : SinkFiles.committed(fs, topicsDir, TOPIC)) {
      assertThat(fs.getFileStatus(file).getLen()).isLessThan(30 + 10);
    }
  }

  @Test
  void nullValuesAreSkippedOrFailTheTask() throws IOException {
    HdfsSinkTask task = start(new TestingSinkTaskContext(), props("flush.size", "2"));
    SinkRecord tombstone =
        new SinkRecord(TOPIC, 0, null, null, null, null, 1, 1L, TimestampType.CREATE_TIME);
    task.put(List.of(record(0), tombstone, record(2)));
    assertThat(committedNames()).containsExactly("orders+0+0000000000+0000000002.json");

    HdfsSinkTask failing =
        start(new TestingSinkTaskContext(), props("behavior.on.null.values", "fail"));
    SinkRecord another =
        new SinkRecord(TOPIC, 0, null, null, null, null, 7, 1L, TimestampType.CREATE_TIME);
    assertThatThrownBy(() -> failing.put(List.of(another)))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("offset 7")
        .hasMessageContaining("behavior.on.null.values");
  }

  @Test
  void closingAPartitionDiscardsItsOpenFile() throws IOException {
    HdfsSinkTask task = start(new TestingSinkTaskContext(), props());
    task.put(records(0, 5));
    assertThat(SinkFiles.list(fs, new Path(topicsDir, HdfsStorage.TEMP_DIR))).hasSize(1);

    task.close(List.of(TP));

    assertThat(SinkFiles.list(fs, new Path(topicsDir, HdfsStorage.TEMP_DIR))).isEmpty();
    assertThat(committedNames()).isEmpty();
  }

  @Test
  void topicsDirIsRelativeToThePathOfTheUrl() throws IOException {
    java.nio.file.Path warehouse = Files.createDirectories(dir.resolve("warehouse"));
    HdfsSinkTask task =
        start(
            new TestingSinkTaskContext(),
            props("hdfs.url", warehouse.toUri().toString(), "topics.dir", "landing"));
    task.put(records(0, 10));
    assertThat(
            Files.exists(
                warehouse.resolve(
                    "landing/orders/partition=0/" + "orders+0+0000000000+0000000009.json")))
        .isTrue();
  }

  @Test
  void recordsOfOnePartitionInSeveralDirectoriesAreCommittedTogether() throws IOException {
    // Given a field partitioner: records of partition 0 alternate between two regions
    Schema schema =
        org.apache.kafka.connect.data.SchemaBuilder.struct()
            .name("Order")
            .field("id", Schema.INT64_SCHEMA)
            .field("region", Schema.STRING_SCHEMA)
            .build();
    Map<String, String> props =
        props("flush.size", "4", "partitioner.class", "field", "partition.field.name", "region");
    HdfsSinkTask task = start(new TestingSinkTaskContext(), props);
    List<SinkRecord> records = new ArrayList<>();
    for (long offset = 0; offset < 10; offset++) {
      org.apache.kafka.connect.data.Struct value =
          new org.apache.kafka.connect.data.Struct(schema)
              .put("id", offset)
              .put("region", offset % 2 == 0 ? "eu" : "us");
      records.add(
          new SinkRecord(
              TOPIC, 0, null, null, schema, value, offset, 1L, TimestampType.CREATE_TIME));
    }

    // When ten records arrive with flush.size=4
    task.put(records);

    // Then each commit renames the files of both regions, and 8 and 9 stay open
    assertThat(SinkFiles.list(fs, new Path(topicsDir, TOPIC)))
        .containsExactly(
            "region=eu/orders+0+0000000000+0000000002.json",
            "region=eu/orders+0+0000000004+0000000006.json",
            "region=us/orders+0+0000000001+0000000003.json",
            "region=us/orders+0+0000000005+0000000007.json");
    assertThat(committable(task)).isEqualTo(8);
    assertThat(SinkFiles.list(fs, new Path(dir.toUri().toString(), "logs")))
        .as("no commit intent left behind")
        .isEmpty();

    // And a restarted task resumes after the highest committed offset of all directories
    TestingSinkTaskContext context = new TestingSinkTaskContext();
    start(context, props);
    assertThat(context.seeks).containsEntry(TP, 8L);
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> formats() {
    return EachFormatRoundTrip.cases().stream()
        .map(c -> org.junit.jupiter.params.provider.Arguments.of((Object) c));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("formats")
  void eachFormatAndCodecIsCommittedAndReadBackWithItsOwnReader(String[] format)
      throws IOException {
    Map<String, String> props = props();
    props.putAll(EachFormatRoundTrip.settings(format));
    HdfsSinkTask task = start(new TestingSinkTaskContext(), props);
    EachFormatRoundTrip.run(task, format, fs, topicsDir, fs.getConf());
  }

  static List<Long> range(long from, long to) {
    List<Long> offsets = new ArrayList<>();
    for (long offset = from; offset < to; offset++) {
      offsets.add(offset);
    }
    return offsets;
  }
}
