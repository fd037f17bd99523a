package io.tributary.connect.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.runtime.testing.TestingRestClient;
import io.tributary.runtime.testing.WorkerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The worker running the HDFS sink, in its own JVM, is killed with SIGKILL repeatedly (three times
 * on {@code file://}, twice on HDFS) while it writes files and started again. Kafka Connect's
 * offset commit is set to lag far behind (10 minutes), so every kill lands after some renames and
 * before their offset commit, and usually in the middle of a file: the committed files end up
 * holding every record exactly once, with no gap. JSON lines on {@code file://}, Avro (read back
 * with Avro's own reader) on a MiniDFSCluster.
 */
class HdfsSinkKillIT {
  static final int RECORDS = 12_000;
  static final int FLUSH_SIZE = 400;
  static final String TOPIC = "kill";

  @TempDir Path dir;

  @Test
  void killedRepeatedlyOnTheLocalFileSystemEveryRecordIsCommittedOnce() throws Exception {
    Path warehouse = Files.createDirectories(dir.resolve("warehouse"));
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
    try (FileSystem fs = FileSystem.newInstance(warehouse.toUri(), conf)) {
      killAndRestart(
          3,
          "json",
          warehouse.toUri().toString(),
          fs,
          new org.apache.hadoop.fs.Path(warehouse.toUri().toString(), "topics"));
    }
  }

  @Test
  void killedRepeatedlyOnHdfsEveryRecordIsCommittedOnce() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    try {
      cluster.waitActive();
      String url = "hdfs://localhost:" + cluster.getNameNodePort() + "/warehouse";
      killAndRestart(
          2,
          "avro",
          url,
          cluster.getFileSystem(),
          new org.apache.hadoop.fs.Path("/warehouse/topics"));
    } finally {
      cluster.shutdown();
    }
  }

  void killAndRestart(
      int kills, String format, String url, FileSystem fs, org.apache.hadoop.fs.Path topicsDir)
      throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.createSymbolicLink(
        plugins.resolve("hdfs-connector"), Path.of("target", "plugin").toAbsolutePath());
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      produce(broker.bootstrapServers());
      try (WorkerProcess worker =
          WorkerProcess.start(
              dir.resolve("worker"),
              broker.bootstrapServers(),
              Map.of(
                  "plugin.path", plugins.toString(),
                  // Kafka Connect's own offset commit lags far behind the renames.
                  "offset.flush.interval.ms", "600000",
                  "value.converter", "org.apache.kafka.connect.storage.StringConverter"))) {
        // Given an HDFS sink writing small JSON-lines files
        TestingRestClient rest = new TestingRestClient(worker.restUrl());
        Map<String, Object> connector =
            Map.of(
                "name",
                "hdfs-kill",
                "config",
                Map.of(
                    "connector.class",
                    HdfsSinkConnector.class.getName(),
                    "topics",
                    TOPIC,
                    "hdfs.url",
                    url,
                    "format",
                    format,
                    "flush.size",
                    Integer.toString(FLUSH_SIZE),
                    // commits the last, partial file too
                    "rotate.schedule.interval.ms",
                    "3000",
                    "consumer.override.max.poll.records",
                    "300",
                    // The killed worker's consumer never leaves the group: a short session lets
                    // the restarted one take the partition over quickly.
                    "consumer.override.session.timeout.ms",
                    "6000",
                    "consumer.override.heartbeat.interval.ms",
                    "1000"));
        assertThat(rest.post("/connectors", connector).status()).isEqualTo(201);

        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        LoggerFactory.getLogger(HdfsSinkKillIT.class).info("Kill points from seed {}", seed);
        // When the worker is killed several times while files are being written, and started again
        for (int kill = 1; kill <= kills; kill++) {
          // a random point: after 1 to 3 more committed files, mostly in the middle of the next
          int target = SinkFiles.committed(fs, topicsDir, TOPIC).size() + 1 + random.nextInt(3);
          await()
              .atMost(Duration.ofSeconds(90))
              .pollInterval(Duration.ofMillis(10))
              .until(() -> SinkFiles.committed(fs, topicsDir, TOPIC).size() >= target);
          worker.kill();
          assertThat(committedValues(fs, topicsDir).size())
              .as("killed mid-flight")
              .isLessThan(RECORDS);
          worker.startAgain();
        }

        // Then the committed files end up holding every record exactly once, in order
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> committedValues(fs, topicsDir).size() >= RECORDS);
        List<String> values = committedValues(fs, topicsDir);
        Set<String> distinct = new HashSet<>(values);
        assertThat(distinct).as("no duplicate").hasSameSizeAs(values);
        assertThat(values).hasSize(RECORDS);
        for (int i = 0; i < values.size(); i++) {
          assertThat(values.get(i)).isEqualTo("record-" + i);
        }
      }
    }
  }

  static void produce(String bootstrapServers) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      for (int i = 0; i < RECORDS; i++) {
        producer.send(new ProducerRecord<>(TOPIC, 0, null, "record-" + i));
      }
      producer.flush();
    }
  }

  /**
   * The values in the committed files, in file-name (offset) order: JSON strings unquoted, Avro
   * files read with Avro's own reader.
   */
  static List<String> committedValues(FileSystem fs, org.apache.hadoop.fs.Path topicsDir)
      throws IOException {
    List<String> values = new ArrayList<>();
    for (org.apache.hadoop.fs.Path file : SinkFiles.committed(fs, topicsDir, TOPIC)) {
      if (file.getName().endsWith(".avro")) {
        try (DataFileStream<Object> reader =
            new DataFileStream<>(fs.open(file), new GenericDatumReader<>())) {
          for (Object value : reader) {
            values.add(value.toString());
          }
        }
      } else {
        for (String line : SinkFiles.lines(fs, file)) {
          values.add(line.substring(1, line.length() - 1));
        }
      }
    }
    return values;
  }
}
