package io.tributary.connect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.connect.jdbc.TestingPostgres;
import io.tributary.runtime.testing.TestingRestClient;
import io.tributary.runtime.testing.WorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1,000,000-row table split into 16 ranges over 4 tasks; the worker (its own JVM) is killed with
 * SIGKILL mid-load and started again: every row arrives, and no row of a range that was done before
 * the kill arrives twice (finished ranges are not re-read).
 */
class JdbcSourceKillIT {
  static final int ROWS = Integer.getInteger("jdbc.kill.rows", 1_000_000);
  static final int RANGES = 16;

  @TempDir Path dir;

  @Test
  void killedMidLoadTheSplitLoadResumesWithoutLossOrReReadingFinishedRanges() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.createSymbolicLink(
        plugins.resolve("jdbc-connector"), Path.of("target", "plugin").toAbsolutePath());
    try (TestingPostgres postgres = TestingPostgres.start();
        EmbeddedBroker broker = EmbeddedBroker.start();
        WorkerProcess worker =
            WorkerProcess.start(
                dir.resolve("worker"),
                broker.bootstrapServers(),
                Map.of("plugin.path", plugins.toString(), "offset.flush.interval.ms", "500"));
        KafkaConsumer<String, String> consumer =
            JdbcSourceConnectorIT.consumer(broker.bootstrapServers())) {
      // given
      postgres.execute(
          "CREATE TABLE big (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)",
          "INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, " + ROWS + ") g");
      TestingRestClient rest = new TestingRestClient(worker.restUrl());
      Map<String, String> config = JdbcSourceConnectorIT.config(postgres);
      config.putAll(
          Map.of(
              "tasks.max", "4",
              "mode", "bulk",
              "table.include.list", "big",
              "split.ranges", Integer.toString(RANGES),
              "load.once", "true",
              "batch.max.rows", "5000",
              "fetch.size", "5000"));
      assertThat(rest.post("/connectors", Map.of("name", "big", "config", config)).status())
          .isEqualTo(201);
      consumer.subscribe(List.of("pg-big"));
      int[] seen = new int[ROWS + 1];
      List<Long> received = new ArrayList<>();

      // when the worker is killed once some ranges are done
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                drain(consumer, seen, received);
                return !doneRanges(rest).isEmpty() && received.size() < ROWS * 0.8;
              });
      Map<Integer, JsonNode> doneBeforeKill = doneRanges(rest);
      worker.kill();
      int beforeRestart = received.size();
      assertThat(beforeRestart).as("killed mid-load").isLessThan(ROWS);
      worker.startAgain();

      // then every row arrives and every range finishes
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                drain(consumer, seen, received);
                return missing(seen) == 0 && doneRanges(rest).size() == RANGES;
              });
      drain(consumer, seen, received);
      assertThat(missing(seen)).isZero();
      // and no row of a range done before the kill came twice
      for (JsonNode offset : doneBeforeKill.values()) {
        List<Long> cuts = cuts(offset.get("split.cuts").asText());
        int index = Integer.parseInt(rangeOf(offset));
        long from = index == 0 ? 1 : cuts.get(index - 1);
        long to = index == cuts.size() ? ROWS : cuts.get(index) - 1;
        for (long id = from; id <= to; id++) {
          assertThat(seen[(int) id]).as("row %d of finished range %d", id, index).isEqualTo(1);
        }
      }
    }
  }

  private static String rangeOf(JsonNode offset) {
    return offset.get("tributary.range").asText();
  }

  private static void drain(
      KafkaConsumer<String, String> consumer, int[] seen, List<Long> received) {
    consumer
        .poll(Duration.ofMillis(100))
        .forEach(
            r -> {
              long id = JdbcSourceConnectorIT.id(r.value());
              seen[(int) id]++;
              received.add(id);
            });
  }

  private static int missing(int[] seen) {
    int missing = 0;
    for (int i = 1; i < seen.length; i++) {
      if (seen[i] == 0) {
        missing++;
      }
    }
    return missing;
  }

  /** Range index -> its committed offset (with the index added), for the ranges done. */
  private static Map<Integer, JsonNode> doneRanges(TestingRestClient rest) {
    Map<Integer, JsonNode> done = new HashMap<>();
    JsonNode offsets = rest.get("/connectors/big/offsets").body().get("offsets");
    if (offsets == null) {
      return done;
    }
    for (JsonNode entry : offsets) {
      JsonNode offset = entry.get("offset");
      if (entry.get("partition").has("range") && offset.path("done").asBoolean()) {
        int index = entry.get("partition").get("range").asInt();
        ((com.fasterxml.jackson.databind.node.ObjectNode) offset)
            .put("tributary.range", Integer.toString(index));
        done.put(index, offset);
      }
    }
    return done;
  }

  private static List<Long> cuts(String text) {
    List<Long> cuts = new ArrayList<>();
    for (String cut : text.split(",")) {
      cuts.add(Long.parseLong(cut));
    }
    return cuts;
  }
}
