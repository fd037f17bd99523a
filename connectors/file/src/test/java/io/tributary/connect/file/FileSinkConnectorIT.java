package io.tributary.connect.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.runtime.testing.EmbeddedWorker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file sink loaded from its plugin directory (target/plugin, as the build assembles it) by the
 * real worker, created over REST, writing a topic of broker-core to files.
 */
class FileSinkConnectorIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RECORDS = 250;

  @TempDir Path dir;

  @Test
  void writesATopicToCompletedFilesThroughTheWorker() throws Exception {
    // Given a worker whose plugin.path holds this connector's plugin directory
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.createSymbolicLink(
        plugins.resolve("file-connector"), Path.of("target", "plugin").toAbsolutePath());
    Path out = dir.resolve("out");
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        EmbeddedWorker worker =
            EmbeddedWorker.start(
                broker.bootstrapServers(),
                dir.resolve("worker"),
                Map.of("plugin.path", plugins.toString()))) {
      produce(broker.bootstrapServers(), 0, RECORDS);

      // When a file sink is created over REST (gzip'd text, 100 records a file, 2 s rotation)
      HttpResponse<String> created =
          post(
              worker.restUrl().resolve("/connectors"),
              Map.of(
                  "name",
                  "files",
                  "config",
                  Map.of(
                      "connector.class",
                      FileSinkConnector.class.getName(),
                      "topics",
                      "lines",
                      "value.converter",
                      "org.apache.kafka.connect.storage.StringConverter",
                      "file.dir",
                      out.toString(),
                      "format",
                      "text",
                      "compression",
                      "gzip",
                      "flush.size",
                      "100",
                      "rotate.interval.ms",
                      "2000")));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

      // Then the completed files hold every record once, in order
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(SinkFiles.allLines(out)).isEqualTo(lines(0, RECORDS)));
      assertThat(SinkFiles.completed(out))
          .startsWith(
              "lines+0+00000000000000000000+00000000000000000099.txt.gz",
              "lines+0+00000000000000000100+00000000000000000199.txt.gz");

      // and after a worker restart, with more records, still every record exactly once
      worker.restart();
      produce(broker.bootstrapServers(), RECORDS, 2 * RECORDS);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> assertThat(SinkFiles.allLines(out)).isEqualTo(lines(0, 2 * RECORDS)));
      assertThat(SinkFiles.temporary(out)).isEmpty();
    }
  }

  private static List<String> lines(int from, int to) {
    List<String> lines = new ArrayList<>();
    for (int i = from; i < to; i++) {
      lines.add("line " + i);
    }
    return lines;
  }

  private static void produce(String bootstrapServers, int from, int to) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      for (int i = from; i < to; i++) {
        producer.send(new ProducerRecord<>("lines", 0, null, "line " + i));
      }
      producer.flush();
    }
  }

  private static HttpResponse<String> post(URI uri, Object body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), UTF_8))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
  }
}
