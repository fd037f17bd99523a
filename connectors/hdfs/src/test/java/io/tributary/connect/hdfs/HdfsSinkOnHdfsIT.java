package io.tributary.connect.hdfs;

import static io.tributary.connect.hdfs.HdfsSinkTaskTest.TOPIC;
import static io.tributary.connect.hdfs.HdfsSinkTaskTest.TP;
import static io.tributary.connect.hdfs.HdfsSinkTaskTest.range;
import static io.tributary.connect.hdfs.HdfsSinkTaskTest.records;
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
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task on a real in-process HDFS (one MiniDFSCluster for the class): commit by rename and
 * recovery, the NameNode going away (retries, then a failure naming hdfs.url) and coming back
 * (recovery, seek, no duplicate and no gap), and hadoop.conf.dir's files reaching the client.
 */
class HdfsSinkOnHdfsIT {
  @TempDir static java.nio.file.Path base;
  static MiniDFSCluster cluster;
  static java.nio.file.Path confDir;

  final AtomicLong clock = new AtomicLong(1_000_000L);
  final List<HdfsSinkTask> tasks = new ArrayList<>();
  FileSystem fs;
  Path topicsDir;
  String testDir;

  @BeforeAll
  static void startCluster() throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    // The client settings the sink gets through hadoop.conf.dir: fail fast when the NameNode is
    // down, so that retries are the sink's (retry.backoff.ms), not the IPC client's.
    confDir = Files.createDirectories(base.resolve("hadoop-conf"));
    Files.writeString(
        confDir.resolve("core-site.xml"),
        """
        <?xml version="1.0"?>
        <configuration>
          <property><name>ipc.client.connect.max.retries</name><value>0</value></property>
          <property><name>ipc.client.connect.max.retries.on.timeouts</name><value>0</value></property>
          <property><name>ipc.client.connect.timeout</name><value>1000</value></property>
        </configuration>
        """);
    Files.writeString(
        confDir.resolve("hdfs-site.xml"),
        """
        <?xml version="1.0"?>
        <configuration>
          <property><name>dfs.client.retry.policy.enabled</name><value>false</value></property>
          <property><name>dfs.client.block.write.locateFollowingBlock.retries</name><value>1</value></property>
        </configuration>
        """);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  @BeforeEach
  void setUp(org.junit.jupiter.api.TestInfo info) throws IOException {
    cluster.waitActive();
    fs = cluster.getFileSystem();
    testDir = "/" + info.getTestMethod().orElseThrow().getName();
    topicsDir = new Path(testDir, "topics");
  }

  @AfterEach
  void tearDown() {
    for (HdfsSinkTask task : tasks) {
      task.stop();
    }
  }

  String url() {
    return "hdfs://localhost:" + cluster.getNameNodePort();
  }

  Map<String, String> props(String... extra) {
    Map<String, String> props = new HashMap<>();
    props.put("hdfs.url", url() + testDir);
    props.put("format", "json");
    props.put("flush.size", "10");
    props.put("hadoop.conf.dir", confDir.toString());
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
  void commitsByRenameAndRecoversOnHdfs() throws IOException {
    // Given a task that committed two files and crashed with an open one
    HdfsSinkTask crashed = start(new TestingSinkTaskContext(), props());
    crashed.put(records(0, 25));
    assertThat(SinkFiles.list(fs, new Path(topicsDir, TOPIC)))
        .containsExactly(
            "partition=0/orders+0+0000000000+0000000009.json",
            "partition=0/orders+0+0000000010+0000000019.json");
    tasks.remove(crashed);

    // When another task opens the partition (the crashed one's lease is still held)
    TestingSinkTaskContext context = new TestingSinkTaskContext();
    HdfsSinkTask task = start(context, props());

    // Then it seeks after the last committed record, deletes the leftover, writes on exactly once
    assertThat(context.seeks).containsEntry(TP, 20L);
    assertThat(SinkFiles.list(fs, new Path(topicsDir, HdfsStorage.TEMP_DIR))).isEmpty();
    task.put(records(20, 30));
    assertThat(committedOffsets()).containsExactlyElementsOf(range(0, 30));
    assertThat(committable(task)).isEqualTo(30);
    crashed.stop();
  }

  @Test
  void anHourlyPartitionerWithCountAndWallClockRotationOnHdfs() throws IOException {
    // Given an hourly partitioner on the record time, flush.size 5 and a one-minute schedule
    HdfsSinkTask task =
        start(
            new TestingSinkTaskContext(),
            props(
                "flush.size", "5",
                "partitioner.class", "hourly",
                "timestamp.extractor", "Record",
                "timezone", "UTC",
                "rotate.schedule.interval.ms", "60000"));
    List<org.apache.kafka.connect.sink.SinkRecord> records = new ArrayList<>();
    for (long offset = 0; offset < 12; offset++) {
      records.add(HdfsSinkTaskTest.record(offset, 1_000L + offset)); // 00:00 UTC
    }
    for (long offset = 12; offset < 16; offset++) {
      records.add(HdfsSinkTaskTest.record(offset, 3_600_000L + offset)); // 01:00 UTC
    }

    // When they arrive, then the wall clock passes the next minute with no record arriving
    task.put(records);
    List<String> beforeSchedule = SinkFiles.list(fs, new Path(topicsDir, TOPIC));
    clock.set(1_020_000L);
    task.put(List.of());

    // Then flush.size counts the partition's records across its open files (as Confluent's
    // does): the fifth record of each run commits every open file of the partition at once, in
    // its hour's directory; the schedule commits the last record with no further record arriving
    String hour0 = "year=1970/month=01/day=01/hour=00/orders+0+";
    String hour1 = "year=1970/month=01/day=01/hour=01/orders+0+";
    assertThat(beforeSchedule)
        .containsExactly(
            hour0 + "0000000000+0000000004.json",
            hour0 + "0000000005+0000000009.json",
            hour0 + "0000000010+0000000011.json",
            hour1 + "0000000012+0000000014.json");
    assertThat(SinkFiles.list(fs, new Path(topicsDir, TOPIC)))
        .containsExactly(
            hour0 + "0000000000+0000000004.json",
            hour0 + "0000000005+0000000009.json",
            hour0 + "0000000010+0000000011.json",
            hour1 + "0000000012+0000000014.json",
            hour1 + "0000000015+0000000015.json");
    assertThat(committedOffsets()).containsExactlyInAnyOrderElementsOf(range(0, 16));
    assertThat(committable(task)).isEqualTo(16);
  }

  @Test
  void aFieldPartitionerCommitsEveryDirectoryOfThePartitionTogetherOnHdfs() throws IOException {
    // Given a field partitioner: records of partition 0 alternate between two regions
    org.apache.kafka.connect.data.Schema schema =
        org.apache.kafka.connect.data.SchemaBuilder.struct()
            .name("Order")
            .field("id", org.apache.kafka.connect.data.Schema.INT64_SCHEMA)
            .field("region", org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
            .build();
    HdfsSinkTask task =
        start(
            new TestingSinkTaskContext(),
            props(
                "flush.size", "4", "partitioner.class", "field", "partition.field.name", "region"));
    List<org.apache.kafka.connect.sink.SinkRecord> records = new ArrayList<>();
    for (long offset = 0; offset < 10; offset++) {
      org.apache.kafka.connect.data.Struct value =
          new org.apache.kafka.connect.data.Struct(schema)
              .put("id", offset)
              .put("region", offset % 2 == 0 ? "eu" : "us");
      records.add(
          new org.apache.kafka.connect.sink.SinkRecord(
              TOPIC,
              0,
              null,
              null,
              schema,
              value,
              offset,
              1L,
              org.apache.kafka.common.record.TimestampType.CREATE_TIME));
    }

    // When ten records arrive with flush.size=4
    task.put(records);

    // Then each commit renames the files of both regions; 8 and 9 stay open
    assertThat(SinkFiles.list(fs, new Path(topicsDir, TOPIC)))
        .containsExactly(
            "region=eu/orders+0+0000000000+0000000002.json",
            "region=eu/orders+0+0000000004+0000000006.json",
            "region=us/orders+0+0000000001+0000000003.json",
            "region=us/orders+0+0000000005+0000000007.json");
    assertThat(committable(task)).isEqualTo(8);
  }

  @Test
  void recordTimeAndSizeRotationOnHdfs() throws IOException {
    // Given rotate.interval.ms=1000 (record time) on one task, file.max.bytes=30 on another
    HdfsSinkTask byTime =
        start(
            new TestingSinkTaskContext(),
            props("flush.size", "1000", "rotate.interval.ms", "1000"));

    // When records span 2.5 s of record time
    byTime.put(
        List.of(
            HdfsSinkTaskTest.record(0, 10_000),
            HdfsSinkTaskTest.record(1, 10_500),
            HdfsSinkTaskTest.record(2, 11_000),
            HdfsSinkTaskTest.record(3, 11_999),
            HdfsSinkTaskTest.record(4, 12_000),
            HdfsSinkTaskTest.record(5, 12_500)));

    // Then a record 1000 ms after a file's first record starts a new file
    assertThat(SinkFiles.list(fs, new Path(topicsDir, TOPIC)))
        .containsExactly(
            "partition=0/orders+0+0000000000+0000000001.json",
            "partition=0/orders+0+0000000002+0000000003.json");
    assertThat(committable(byTime)).isEqualTo(4);
    byTime.stop();
    tasks.remove(byTime);

    // And by size: in a fresh directory, files of at most about 30 bytes
    testDir = testDir + "-size";
    topicsDir = new Path(testDir, "topics");
    HdfsSinkTask bySize =
        start(new TestingSinkTaskContext(), props("flush.size", "1000", "file.max.bytes", "30"));
    bySize.put(records(0, 20));
    List<Path> committed = SinkFiles.committed(fs, topicsDir, TOPIC);
    assertThat(committed).hasSizeGreaterThan(1);
    assertThat(committedOffsets()).containsExactlyElementsOf(range(0, committable(bySize)));
    for (Path file : committed) {
      assertThat(fs.getFileStatus(file).getLen()).isLessThan(30 + 10);
    }
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> formats() {
    return EachFormatRoundTrip.cases().stream()
        .map(c -> org.junit.jupiter.params.provider.Arguments.of((Object) c));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("formats")
  void eachFormatAndCodecIsCommittedAndReadBackWithItsOwnReader(String[] format)
      throws IOException {
    testDir = testDir + "-" + format[0] + "-" + format[2];
    topicsDir = new Path(testDir, "topics");
    Map<String, String> props = props();
    props.putAll(EachFormatRoundTrip.settings(format));
    HdfsSinkTask task = start(new TestingSinkTaskContext(), props);
    EachFormatRoundTrip.run(task, format, fs, topicsDir, fs.getConf());
  }

  @Test
  void theNameNodeGoingAwayPausesRetriesAndRecoversWithNoGapAndNoDuplicate() throws Exception {
    // Given a task with an open file holding 20..24 and 0..19 committed
    TestingSinkTaskContext context = new TestingSinkTaskContext();
    HdfsSinkTask task = start(context, props("retry.backoff.ms", "1000"));
    task.put(records(0, 25));

    // When the NameNode stops and the task tries to commit
    cluster.shutdownNameNode(0);
    try {
      task.put(records(25, 30));
    } catch (RuntimeException e) {
      cluster.restartNameNode(0, true);
      throw e;
    }

    // Then the partition is paused, its open file discarded and a retry scheduled
    assertThat(context.paused).containsExactly(TP);
    assertThat(context.timeoutMs).isEqualTo(1000);
    assertThat(committable(task)).isEqualTo(20);
    clock.addAndGet(400);
    task.put(List.of()); // no attempt before the backoff has passed, but a wake-up by then
    assertThat(context.timeoutMs).isEqualTo(600);
    clock.addAndGet(600);
    task.put(List.of()); // a retry while the NameNode is still down
    assertThat(context.paused).containsExactly(TP);

    // When the NameNode is back and the backoff has passed
    cluster.restartNameNode(0, true);
    cluster.waitActive();
    context.seeks.clear();
    clock.addAndGet(1_000);
    task.put(List.of());

    // Then the partition is resumed and sought back to its last committed record
    assertThat(context.paused).isEmpty();
    assertThat(context.seeks).containsEntry(TP, 20L);
    // and the redelivered records land exactly once
    task.put(records(20, 40));
    assertThat(committedOffsets()).containsExactlyElementsOf(range(0, 40));
  }

  @Test
  void aNameNodeDownForLongerThanTheRetryTimeoutFailsTheTaskNamingHdfsUrl() throws Exception {
    TestingSinkTaskContext context = new TestingSinkTaskContext();
    HdfsSinkTask task =
        start(context, props("retry.backoff.ms", "1000", "retry.timeout.ms", "5000"));
    task.put(records(0, 5));
    String url = url();
    cluster.shutdownNameNode(0);
    try {
      task.put(records(5, 10)); // commits at flush.size: fails, retried later
      assertThat(context.paused).containsExactly(TP);

      clock.addAndGet(5_000);
      assertThatThrownBy(() -> task.put(List.of()))
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("hdfs.url=" + url)
          .hasMessageContaining("retry.timeout.ms=5000");
    } finally {
      cluster.restartNameNode(0, true);
      cluster.waitActive();
    }
  }
}
