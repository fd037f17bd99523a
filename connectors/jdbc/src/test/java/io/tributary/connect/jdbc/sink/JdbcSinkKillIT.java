package io.tributary.connect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.connect.jdbc.TestingPostgres;
import io.tributary.runtime.testing.TestingRestClient;
import io.tributary.runtime.testing.WorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker running the JDBC sink in plain insert mode is killed with SIGKILL twice while it
 * writes, long before Kafka Connect commits its offsets, and started again: the table holds every
 * record exactly once.
 */
class JdbcSinkKillIT {
  static final int RECORDS = 50_000;

  @TempDir Path dir;

  @Test
  void killedWhileWritingTheSinkWritesEachRecordOnce() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.createSymbolicLink(
        plugins.resolve("jdbc-connector"), Path.of("target", "plugin").toAbsolutePath());
    try (TestingPostgres postgres = TestingPostgres.start();
        EmbeddedBroker broker = EmbeddedBroker.start()) {
      produce(broker.bootstrapServers());
      try (WorkerProcess worker =
          WorkerProcess.start(
              dir.resolve("worker"),
              broker.bootstrapServers(),
              Map.of(
                  "plugin.path", plugins.toString(),
                  // Kafka Connect's own commit lags far behind the database's.
                  "offset.flush.interval.ms", "600000",
                  "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                  "value.converter.schemas.enable", "true"))) {
        // given a JDBC sink inserting into an auto-created table without primary key
        TestingRestClient rest = new TestingRestClient(worker.restUrl());
        Map<String, Object> connector =
            Map.of(
                "name",
                "jdbc-kill",
                "config",
                Map.of(
                    "connector.class", JdbcSinkConnector.class.getName(),
                    "topics", "kill",
                    "connection.url", postgres.jdbcUrl(),
                    "connection.user", postgres.user(),
                    "auto.create", "true",
                    "insert.mode", "insert",
                    "consumer.override.max.poll.records", "500",
                    "consumer.override.session.timeout.ms", "6000",
                    "consumer.override.heartbeat.interval.ms", "1000"));
        assertThat(rest.post("/connectors", connector).status()).isEqualTo(201);

        // when the worker is killed twice while rows arrive, and started again
        for (int kill = 1; kill <= 2; kill++) {
          long before = rows(postgres);
          await()
              .atMost(Duration.ofSeconds(90))
              .pollInterval(Duration.ofMillis(10))
              .until(() -> rows(postgres) > before);
          worker.kill();
          assertThat(rows(postgres)).as("killed mid-flight").isLessThan(RECORDS);
          worker.startAgain();
        }

        // then every record is in the table once
        await().atMost(Duration.ofSeconds(180)).until(() -> rows(postgres) >= RECORDS);
        assertThat(
                SinkTestSupport.query(
                        postgres, "SELECT count(*) AS n, count(DISTINCT id) AS ids FROM kill")
                    .get(0))
            .isEqualTo(Map.of("n", (long) RECORDS, "ids", (long) RECORDS));
      }
    }
  }

  private static long rows(TestingPostgres postgres) {
    boolean exists =
        !SinkTestSupport.query(postgres, "SELECT 1 FROM pg_tables WHERE tablename = 'kill'")
            .isEmpty();
    return exists ? SinkTestSupport.count(postgres, "kill") : 0;
  }

  static void produce(String bootstrapServers) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    String schema =
        "{\"type\":\"struct\",\"optional\":false,\"fields\":[{\"field\":\"id\",\"type\":\"int64\","
            + "\"optional\":false},{\"field\":\"body\",\"type\":\"string\",\"optional\":false}]}";
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      for (int i = 0; i < RECORDS; i++) {
        String value =
            "{\"schema\":"
                + schema
                + ",\"payload\":{\"id\":"
                + i
                + ",\"body\":\"record "
                + i
                + "\"}}";
        producer.send(new ProducerRecord<>("kill", 0, null, value));
      }
      producer.flush();
    }
  }
}
