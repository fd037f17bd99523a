package io.tributary.connect.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.runtime.testing.EmbeddedWorker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file source loaded from its plugin directory (target/plugin) by Tributary's worker, created
 * over REST, tailing files on broker-core: lines, a new file and a multi-line event reach the topic
 * with their source headers.
 */
class FileSourceConnectorIT {

  @TempDir Path dir;

  @Test
  void tailsMatchedFilesIntoATopicThroughTheWorker() throws Exception {
    // given
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.createSymbolicLink(
        plugins.resolve("file-connector"), Path.of("target/plugin").toAbsolutePath());
    Path app = logs.resolve("app.log");
    Files.writeString(app, "INFO one\nERROR two\n\tat a.B.c(B.java:1)\n", UTF_8);
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        EmbeddedWorker worker =
            EmbeddedWorker.start(
                broker.bootstrapServers(),
                dir.resolve("worker"),
                Map.of("plugin.path", plugins.toString()))) {
      // when
      String body =
          "{\"name\":\"logs\",\"config\":{"
              + "\"connector.class\":\"io.tributary.connect.file.FileSourceConnector\","
              + "\"tasks.max\":\"2\","
              + "\"file.patterns\":\""
              + logs
              + "/*.log\","
              + "\"topic\":\"app-logs\","
              + "\"multiline.pattern\":\"^[A-Z]+ \","
              + "\"multiline.timeout.ms\":\"200\","
              + "\"file.scan.interval.ms\":\"100\","
              + "\"key.converter\":\"org.apache.kafka.connect.storage.StringConverter\","
              + "\"value.converter\":\"org.apache.kafka.connect.storage.StringConverter\"}}";
      HttpResponse<String> created =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(worker.restUrl() + "/connectors"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      Files.writeString(app, "INFO three\n", UTF_8, StandardOpenOption.APPEND);
      Files.writeString(logs.resolve("other.log"), "WARN four\n", UTF_8);

      // then
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer = consumer(broker.bootstrapServers())) {
        consumer.subscribe(List.of("app-logs"));
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                  assertThat(records)
                      .extracting(ConsumerRecord::value)
                      .containsExactlyInAnyOrder(
                          "INFO one", "ERROR two\n\tat a.B.c(B.java:1)", "INFO three", "WARN four");
                });
      }
      ConsumerRecord<String, String> four =
          records.stream().filter(r -> r.value().equals("WARN four")).findFirst().orElseThrow();
      Header file = four.headers().lastHeader(FileSourceTask.HEADER_FILE);
      assertThat(new String(file.value(), UTF_8)).isEqualTo(logs.resolve("other.log").toString());
    }
  }

  private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "file-source-it");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }
}
