package io.tributary.connect.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.registry.server.testing.EmbeddedRegistry;
import io.tributary.runtime.testing.EmbeddedWorker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File -> log with Avro values through the schema registry -> file, on the real worker: the file
 * source's JSON lines become structs, Tributary's AvroConverter registers their schema under {@code
 * <topic>-value} and writes Confluent's wire format, and the file sink reads them back through the
 * same registry.
 */
class AvroPipelineIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AVRO_CONVERTER = "io.tributary.registry.converter.AvroConverter";
  private static final int EVENTS = 120;

  @TempDir Path dir;

  @Test
  void jsonLinesTravelAsAvroAndComeOutEqual() throws Exception {
    // Given JSON lines, and a worker with the file connectors, next to a broker and a registry
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.createSymbolicLink(
        plugins.resolve("file-connector"), Path.of("target", "plugin").toAbsolutePath());
    Path input = Files.createDirectories(dir.resolve("in")).resolve("events.json");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      lines.add(
          String.format(
              "{\"id\":%d,\"user\":\"user-%d\",\"amount\":%d.25,\"paid\":%b}",
              i, i % 7, i, i % 2 == 0));
    }
    Files.write(input, lines, UTF_8);
    Path out = dir.resolve("out");

    try (EmbeddedBroker broker = EmbeddedBroker.start();
        EmbeddedRegistry registry = EmbeddedRegistry.start(broker.bootstrapServers());
        EmbeddedWorker worker =
            EmbeddedWorker.start(
                broker.bootstrapServers(),
                dir.resolve("worker"),
                Map.of("plugin.path", plugins.toString()))) {
      String registryUrl = registry.url().toString();

      // When a file source (inferred JSON schema) and a file sink (JSON lines) run with Avro values
      Map<String, String> source = new HashMap<>();
      source.put("connector.class", FileSourceConnector.class.getName());
      source.put("file.patterns", input.toString());
      source.put("topic", "events");
      source.put("format", "json");
      source.put("json.schema", "infer");
      source.put("source.metadata", "none");
      source.put("value.converter", AVRO_CONVERTER);
      source.put("value.converter.schema.registry.url", registryUrl);
      assertCreated(post(worker.restUrl().resolve("/connectors"), "events-in", source));
      Map<String, String> sink = new HashMap<>();
      sink.put("connector.class", FileSinkConnector.class.getName());
      sink.put("topics", "events");
      sink.put("file.dir", out.toString());
      sink.put("format", "json");
      sink.put("flush.size", "50");
      sink.put("rotate.interval.ms", "1000");
      sink.put("value.converter", AVRO_CONVERTER);
      sink.put("value.converter.schema.registry.url", registryUrl);
      assertCreated(post(worker.restUrl().resolve("/connectors"), "events-out", sink));

      // Then every event comes out once, equal to its line
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(() -> assertThat(SinkFiles.allLines(out)).hasSize(EVENTS));
      List<JsonNode> written = new ArrayList<>();
      for (String line : SinkFiles.allLines(out)) {
        written.add(JSON.readTree(line));
      }
      List<JsonNode> expected = new ArrayList<>();
      for (String line : lines) {
        expected.add(JSON.readTree(line));
      }
      assertThat(written).isEqualTo(expected);

      // and the registry holds one Avro record schema for the topic's values
      HttpClient http = HttpClient.newHttpClient();
      JsonNode version =
          JSON.readTree(
              get(http, registry.url().resolve("/subjects/events-value/versions/latest")));
      assertThat(version.get("version").asInt()).isEqualTo(1);
      // (an optional struct, as the source infers it: a union of null and the record)
      JsonNode union = JSON.readTree(version.get("schema").asText());
      assertThat(union.isArray()).as(union.toString()).isTrue();
      assertThat(union.get(0).asText()).isEqualTo("null");
      JsonNode schema = union.get(1);
      assertThat(schema.get("type").asText()).isEqualTo("record");
      assertThat(schema.get("fields"))
          .extracting(f -> f.get("name").asText())
          .containsExactlyInAnyOrder("id", "user", "amount", "paid");

      // and every record on the topic is in Confluent's wire format with that schema's id
      int id = version.get("id").asInt();
      for (byte[] value : rawValues(broker.bootstrapServers(), "events", EVENTS)) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        assertThat(buffer.get()).isZero();
        assertThat(buffer.getInt()).isEqualTo(id);
      }
    }
  }

  private static List<byte[]> rawValues(String bootstrapServers, String topic, int count) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<byte[]> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    assertThat(values).hasSize(count);
    return values;
  }

  private static void assertCreated(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private static String get(HttpClient http, URI uri) throws Exception {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString(UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static HttpResponse<String> post(URI uri, String name, Map<String, String> config)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(Map.of("name", name, "config", config)), UTF_8))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
  }
}
