package io.tributary.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.runtime.testing.TestingRestClient.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A record the sink's converter cannot read: with {@code errors.tolerance=all} it goes to the dead
 * letter queue with its error context while the rest flows; with {@code none} the task fails with a
 * useful trace and can be brought back over REST.
 */
class ErrorHandlingIT extends BaseFileStreamIT {
  static final String TOPIC = "json-in";
  static final int POISON_OFFSET = 5;

  /** Produces records {@code from} to {@code to - 1}; the one at POISON_OFFSET is not JSON. */
  void produce(int from, int to) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      for (int i = from; i < to; i++) {
        String value = i == POISON_OFFSET ? "{not json" : "\"ok-" + i + "\"";
        producer.send(new ProducerRecord<>(TOPIC, 0, "k" + i, value)).get();
      }
    }
  }

  static List<String> okLines(int... except) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      if (i != POISON_OFFSET) {
        lines.add("ok-" + i);
      }
    }
    return lines;
  }

  @Test
  void toleratedErrorsGoToTheDeadLetterQueueWithTheirContext() throws Exception {
    // Given a sink that tolerates errors and has a dead letter queue
    Path output = dir.resolve("out.txt");
    Map<String, String> sink = sink(output, TOPIC, "false");
    sink.put("errors.tolerance", "all");
    sink.put("errors.log.enable", "true");
    sink.put("errors.deadletterqueue.topic.name", "dlq");
    sink.put("errors.deadletterqueue.topic.replication.factor", "1");
    sink.put("errors.deadletterqueue.context.headers.enable", "true");

    // When it reads records with a poison one among them
    produce(0, 10);
    assertThat(rest.post("/connectors", connector("tolerant", sink)).status()).isEqualTo(201);

    // Then every good record reaches the file, in order, and the task keeps running
    await().atMost(TIMEOUT).until(() -> read(output).size() == 9);
    assertThat(read(output)).containsExactlyElementsOf(okLines());
    awaitState("tolerant", "RUNNING");

    // And the poison record is in the DLQ as it was consumed, with the error context headers
    ConsumerRecord<byte[], byte[]> dead = readOne("dlq");
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("k" + POISON_OFFSET);
    Map<String, String> headers = new HashMap<>();
    for (Header header : dead.headers()) {
      headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    assertThat(headers)
        .containsEntry("__connect.errors.topic", TOPIC)
        .containsEntry("__connect.errors.partition", "0")
        .containsEntry("__connect.errors.offset", Integer.toString(POISON_OFFSET))
        .containsEntry("__connect.errors.connector.name", "tolerant")
        .containsEntry("__connect.errors.task.id", "0")
        .containsEntry("__connect.errors.stage", "VALUE_CONVERTER")
        .containsEntry("__connect.errors.class.name", "org.apache.kafka.connect.json.JsonConverter")
        .containsEntry(
            "__connect.errors.exception.class.name",
            "org.apache.kafka.connect.errors.DataException")
        .containsKey("__connect.errors.exception.message")
        .containsKey("__connect.errors.exception.stacktrace");
  }

  @Test
  void withoutToleranceTheTaskFailsWithATraceAndComesBackOverRest() throws Exception {
    // Given a sink without error tolerance that has delivered and committed the first records
    Path output = dir.resolve("strict.txt");
    produce(0, POISON_OFFSET);
    assertThat(rest.post("/connectors", connector("strict", sink(output, TOPIC, "false"))).status())
        .isEqualTo(201);
    await().atMost(TIMEOUT).until(() -> read(output).size() == POISON_OFFSET);

    // When the poison record and more arrive
    produce(POISON_OFFSET, 10);

    // Then its task fails on the poison record with a useful trace, delivering nothing after it
    JsonNode task = awaitFailedTask("strict");
    assertThat(task.path("trace").asText())
        .contains("Tolerance exceeded")
        .contains("DataException")
        .contains("VALUE_CONVERTER");
    assertThat(
            rest.get("/connectors/strict/status").body().path("connector").path("state").asText())
        .isEqualTo("RUNNING");
    assertThat(read(output)).hasSize(POISON_OFFSET);

    // When only the failed instances are restarted, the task runs again and meets the same record
    Response restarted =
        rest.post("/connectors/strict/restart?includeTasks=true&onlyFailed=true", null);
    assertThat(restarted.status()).isEqualTo(202);
    assertThat(restarted.body().path("connector").path("state").asText()).isEqualTo("RUNNING");
    assertThat(restarted.body().path("tasks").get(0).path("state").asText())
        .isEqualTo("RESTARTING");
    awaitFailedTask("strict");

    // When the connector is stopped, its offset moved past the record, and it is resumed
    assertThat(rest.put("/connectors/strict/stop", null).status()).isEqualTo(204);
    Response altered =
        rest.patch(
            "/connectors/strict/offsets",
            Map.of(
                "offsets",
                List.of(
                    Map.of(
                        "partition",
                        Map.of("kafka_topic", TOPIC, "kafka_partition", 0),
                        "offset",
                        Map.of("kafka_offset", POISON_OFFSET + 1)))));
    assertThat(altered.status()).isEqualTo(200);
    assertThat(altered.message()).contains("strict");
    assertThat(rest.put("/connectors/strict/resume", null).status()).isEqualTo(202);

    // Then it runs and delivers the rest
    awaitState("strict", "RUNNING");
    await().atMost(TIMEOUT).until(() -> read(output).size() == 9);
    assertThat(read(output)).containsExactlyElementsOf(okLines());
  }

  @Test
  void offsetsCannotChangeWhileTheConnectorRuns() throws Exception {
    produce(0, 1);
    assertThat(
            rest.post("/connectors", connector("busy", sink(dir.resolve("b.txt"), TOPIC, "false")))
                .status())
        .isEqualTo(201);
    Response refused = rest.send("DELETE", "/connectors/busy/offsets", null);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.message()).contains("STOPPED").contains("/connectors/busy/stop");
  }

  JsonNode awaitFailedTask(String name) {
    JsonNode[] failed = new JsonNode[1];
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              JsonNode task =
                  rest.get("/connectors/" + name + "/status").body().path("tasks").path(0);
              assertThat(task.path("state").asText()).isEqualTo("FAILED");
              failed[0] = task;
            });
    return failed[0];
  }

  ConsumerRecord<byte[], byte[]> readOne(String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      await()
          .atMost(TIMEOUT)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
              });
      assertThat(records).hasSize(1);
      return records.get(0);
    }
  }
}
