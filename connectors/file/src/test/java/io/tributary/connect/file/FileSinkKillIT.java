package io.tributary.connect.file;

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
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker running the file sink is killed with SIGKILL while it writes files, twice, and started
 * again: the completed files hold every record of the topic exactly once, with no gap.
 */
class FileSinkKillIT {
  static final int RECORDS = 60_000;

  @TempDir Path dir;

  @Test
  void killedMidFlightTheSinkLeavesNoDuplicateAndNoGap() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.createSymbolicLink(
        plugins.resolve("file-connector"), Path.of("target", "plugin").toAbsolutePath());
    Path out = dir.resolve("out");
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      produce(broker.bootstrapServers());
      try (WorkerProcess worker =
          WorkerProcess.start(
              dir.resolve("worker"),
              broker.bootstrapServers(),
              Map.of(
                  "plugin.path", plugins.toString(),
                  "offset.flush.interval.ms", "300",
                  "value.converter", "org.apache.kafka.connect.storage.StringConverter"))) {
        // Given a file sink writing small files
        TestingRestClient rest = new TestingRestClient(worker.restUrl());
        Map<String, Object> connector =
            Map.of(
                "name",
                "files",
                "config",
                Map.of(
                    "connector.class", FileSinkConnector.class.getName(),
                    "topics", "kill",
                    "file.dir", out.toString(),
                    "format", "text",
                    "flush.size", "700",
                    "consumer.override.max.poll.records", "300",
                    // The killed worker's consumer never leaves the group: a short session lets
                    // the restarted one take the partition over quickly.
                    "consumer.override.session.timeout.ms", "6000",
                    "consumer.override.heartbeat.interval.ms", "1000"));
        assertThat(rest.post("/connectors", connector).status()).isEqualTo(201);

        // When the worker is killed twice while files are being written, and started again
        for (int kill = 1; kill <= 2; kill++) {
          int before = completedLines(out).size();
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(10))
              .until(() -> completedLines(out).size() > before);
          worker.kill();
          assertThat(completedLines(out).size()).as("killed mid-flight").isLessThan(RECORDS);
          worker.startAgain();
        }

        // Then the completed files end up holding every record exactly once, in order
        await()
            .atMost(Duration.ofSeconds(120))
            .until(() -> completedLines(out).size() >= RECORDS - RECORDS % 700);
        List<String> lines = completedLines(out);
        Set<String> distinct = new HashSet<>(lines);
        assertThat(distinct).as("no duplicate").hasSameSizeAs(lines);
        for (int i = 0; i < lines.size(); i++) {
          assertThat(lines.get(i)).isEqualTo("record-" + i);
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
        producer.send(new ProducerRecord<>("kill", 0, null, "record-" + i));
      }
      producer.flush();
    }
  }

  /** The lines of the completed files, in file-name (offset) order. */
  static List<String> completedLines(Path out) throws IOException {
    List<String> lines = new ArrayList<>();
    if (!Files.isDirectory(out)) {
      return lines;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(out)) {
      files = list.filter(f -> f.getFileName().toString().startsWith("kill+")).sorted().toList();
    }
    for (Path file : files) {
      lines.addAll(Files.readAllLines(file));
    }
    return lines;
  }
}
