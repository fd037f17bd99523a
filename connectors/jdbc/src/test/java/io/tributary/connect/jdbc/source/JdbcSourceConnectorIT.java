package io.tributary.connect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.connect.jdbc.TestingPostgres;
import io.tributary.runtime.testing.EmbeddedWorker;
import io.tributary.runtime.testing.TestingRestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC source loaded from its plugin directory (target/plugin) by Tributary's worker, created
 * over REST, reading PostgreSQL into broker-core: a split bulk load over 4 tasks arrives exactly
 * once, its ranges show done in the offsets, and an incrementing connector streams new rows.
 */
class JdbcSourceConnectorIT {
  static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  @TempDir Path dir;

  @Test
  void splitLoadAndIncrementalStreamThroughTheWorker() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.createSymbolicLink(
        plugins.resolve("jdbc-connector"), Path.of("target", "plugin").toAbsolutePath());
    try (TestingPostgres postgres = TestingPostgres.start();
        EmbeddedBroker broker = EmbeddedBroker.start();
        EmbeddedWorker worker =
            EmbeddedWorker.start(
                broker.bootstrapServers(),
                dir.resolve("worker"),
                Map.of("plugin.path", plugins.toString()))) {
      // given
      postgres.execute(
          "CREATE TABLE orders (id BIGINT PRIMARY KEY, item TEXT NOT NULL)",
          "INSERT INTO orders SELECT g, 'item-' || g FROM generate_series(1, 20000) g",
          "CREATE TABLE events (id SERIAL PRIMARY KEY, kind TEXT NOT NULL)",
          "INSERT INTO events (kind) VALUES ('a'), ('b')");
      TestingRestClient rest = new TestingRestClient(worker.restUrl());

      // when
      Map<String, String> bulk = config(postgres);
      bulk.putAll(
          Map.of(
              "tasks.max", "4",
              "mode", "bulk",
              "table.include.list", "orders",
              "split.ranges", "8",
              "load.once", "true",
              "batch.max.rows", "1000"));
      assertThat(rest.post("/connectors", Map.of("name", "orders", "config", bulk)).status())
          .isEqualTo(201);
      Map<String, String> incrementing = config(postgres);
      incrementing.putAll(
          Map.of(
              "mode", "incrementing", "table.include.list", "events", "poll.interval.ms", "100"));
      assertThat(
              rest.post("/connectors", Map.of("name", "events", "config", incrementing)).status())
          .isEqualTo(201);

      // then
      try (KafkaConsumer<String, String> consumer = consumer(broker.bootstrapServers())) {
        consumer.subscribe(List.of("pg-orders", "pg-events"));
        List<Long> orders = new ArrayList<>();
        List<Long> events = new ArrayList<>();
        await()
            .atMost(Duration.ofSeconds(120))
            .until(
                () -> {
                  consumer
                      .poll(Duration.ofMillis(200))
                      .forEach(
                          r ->
                              (r.topic().equals("pg-orders") ? orders : events).add(id(r.value())));
                  return orders.size() >= 20_000 && events.size() >= 2;
                });
        postgres.execute("INSERT INTO events (kind) VALUES ('c')");
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> {
                  consumer
                      .poll(Duration.ofMillis(200))
                      .forEach(
                          r ->
                              (r.topic().equals("pg-orders") ? orders : events).add(id(r.value())));
                  return events.size() >= 3;
                });
        assertThat(orders).hasSize(20_000).doesNotHaveDuplicates();
        assertThat(events).containsExactly(1L, 2L, 3L);
      }
      // what the user sees once the one-shot load is over: connector and tasks still RUNNING
      // (Connect's status carries no message for a running task), every range's offset says
      // "load.complete": true; the incremental connector's offsets carry no such field
      JsonNode status = rest.get("/connectors/orders/status").body();
      assertThat(status.get("connector").get("state").asText()).isEqualTo("RUNNING");
      assertThat(status.get("tasks")).hasSize(4);
      status.get("tasks").forEach(t -> assertThat(t.get("state").asText()).isEqualTo("RUNNING"));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                JsonNode offsets = rest.get("/connectors/orders/offsets").body().get("offsets");
                assertThat(offsets).hasSize(8);
                offsets.forEach(
                    o -> {
                      assertThat(o.get("offset").get("done").asBoolean()).isTrue();
                      assertThat(o.get("offset").get("load.complete").asBoolean()).isTrue();
                    });
              });
      JsonNode eventOffsets = rest.get("/connectors/events/offsets").body().get("offsets");
      assertThat(eventOffsets).isNotEmpty();
      eventOffsets.forEach(o -> assertThat(o.get("offset").has("load.complete")).isFalse());
    }
  }

  static Map<String, String> config(TestingPostgres postgres) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", JdbcSourceConnector.class.getName());
    config.put("connection.url", postgres.jdbcUrl());
    config.put("connection.user", postgres.user());
    config.put("topic.prefix", "pg-");
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("key.converter.schemas.enable", "false");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "false");
    return config;
  }

  static long id(String json) {
    Matcher m = ID.matcher(json);
    if (!m.find()) {
      throw new AssertionError("no id in " + json);
    }
    return Long.parseLong(m.group(1));
  }

  static KafkaConsumer<String, String> consumer(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "jdbc-source-it-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }
}
