package io.tributary.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.connect.jdbc.sink.JdbcSinkConnector;
import io.tributary.connect.jdbc.source.JdbcSourceConnector;
import io.tributary.runtime.testing.EmbeddedWorker;
import io.tributary.runtime.testing.TestingRestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic dialect end to end on H2 (a pure-Java database, here over its TCP server so the
 * worker's plugin class loader and the test share one database): a bulk source and an incrementing
 * source read H2 tables into broker-core through Tributary's worker, and the JDBC sink writes them
 * back into H2 tables it creates, by upsert (H2's MERGE ... KEY) and by insert. The H2 driver sits
 * in the plugin directory beside the connector, as a user would add a driver.
 */
class H2GenericDialectIT {
  @TempDir Path dir;

  @Test
  void bulkAndIncrementingSourcesAndInsertAndUpsertSinksOnH2() throws Exception {
    Server h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    String url = "jdbc:h2:tcp://localhost:" + h2.getPort() + "/mem:generic;DB_CLOSE_DELAY=-1";
    try (Connection db = DriverManager.getConnection(url, "sa", "");
        EmbeddedBroker broker = EmbeddedBroker.start();
        EmbeddedWorker worker =
            EmbeddedWorker.start(
                broker.bootstrapServers(),
                dir.resolve("worker"),
                Map.of("plugin.path", pluginPathWithH2().toString()))) {
      // given
      execute(
          db,
          "CREATE TABLE ORDERS (ID BIGINT PRIMARY KEY, ITEM VARCHAR(100) NOT NULL, QTY INT)",
          "INSERT INTO ORDERS VALUES (1, 'apple', 3), (2, 'pear', NULL), (3, 'plum', 7)",
          "CREATE TABLE EVENTS (ID BIGINT AUTO_INCREMENT PRIMARY KEY, KIND VARCHAR(20) NOT NULL)",
          "INSERT INTO EVENTS (KIND) VALUES ('a'), ('b')");
      TestingRestClient rest = new TestingRestClient(worker.restUrl());

      // when: ORDERS re-read in bulk every 300 ms and upserted; EVENTS streamed and inserted
      create(
          rest,
          "orders-source",
          source(url, "mode", "bulk", "table.include.list", "orders", "poll.interval.ms", "300"));
      create(
          rest,
          "events-source",
          source(
              url,
              "mode",
              "incrementing",
              "incrementing.column.name",
              "id",
              "table.include.list",
              "events",
              "poll.interval.ms",
              "200"));
      create(
          rest,
          "orders-sink",
          sink(
              url,
              "topics",
              "h2-ORDERS",
              "table.name.format",
              "orders_copy",
              "insert.mode",
              "upsert",
              "pk.mode",
              "record_key"));
      create(
          rest,
          "events-sink",
          sink(
              url,
              "topics",
              "h2-EVENTS",
              "table.name.format",
              "events_copy",
              "insert.mode",
              "insert",
              "pk.mode",
              "none"));

      // then both copies arrive
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                assertNoFailure(rest);
                assertThat(rows(db, "SELECT \"ID\", \"ITEM\", \"QTY\" FROM \"orders_copy\""))
                    .containsExactlyInAnyOrder("1|apple|3", "2|pear|null", "3|plum|7");
                assertThat(rows(db, "SELECT \"ID\", \"KIND\" FROM \"events_copy\""))
                    .containsExactlyInAnyOrder("1|a", "2|b");
              });

      // and when a source row changes and an event is added
      execute(
          db, "UPDATE ORDERS SET QTY = 99 WHERE ID = 1", "INSERT INTO EVENTS (KIND) VALUES ('c')");

      // then the upsert updates the row in place (the bulk reloads are merged by key, not
      // duplicated) and the insert sink appends the new event only
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertNoFailure(rest);
                assertThat(rows(db, "SELECT \"ID\", \"ITEM\", \"QTY\" FROM \"orders_copy\""))
                    .containsExactlyInAnyOrder("1|apple|99", "2|pear|null", "3|plum|7");
                assertThat(rows(db, "SELECT \"ID\", \"KIND\" FROM \"events_copy\""))
                    .containsExactlyInAnyOrder("1|a", "2|b", "3|c");
              });
    } finally {
      h2.stop();
    }
  }

  /** A plugin directory holding links to target/plugin's jars and to the H2 driver's jar. */
  private Path pluginPathWithH2() throws Exception {
    Path plugin = Files.createDirectories(dir.resolve("plugins").resolve("jdbc-connector"));
    try (Stream<Path> jars = Files.list(Path.of("target", "plugin").toAbsolutePath())) {
      for (Path jar : jars.toList()) {
        Files.createSymbolicLink(plugin.resolve(jar.getFileName()), jar);
      }
    }
    // The plugin directory ships H2 (the quickstart's embedded database); link it if a build
    // without it is tested.
    Path h2Jar =
        Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (!Files.exists(plugin.resolve(h2Jar.getFileName()))) {
      Files.createSymbolicLink(plugin.resolve(h2Jar.getFileName()), h2Jar);
    }
    return plugin.getParent();
  }

  private static Map<String, String> source(String url, String... keyValues) {
    Map<String, String> config = common(url);
    config.put("connector.class", JdbcSourceConnector.class.getName());
    config.put("topic.prefix", "h2-");
    for (int i = 0; i < keyValues.length; i += 2) {
      config.put(keyValues[i], keyValues[i + 1]);
    }
    return config;
  }

  private static Map<String, String> sink(String url, String... keyValues) {
    Map<String, String> config = common(url);
    config.put("connector.class", JdbcSinkConnector.class.getName());
    config.put("auto.create", "true");
    for (int i = 0; i < keyValues.length; i += 2) {
      config.put(keyValues[i], keyValues[i + 1]);
    }
    return config;
  }

  private static Map<String, String> common(String url) {
    Map<String, String> config = new HashMap<>();
    config.put("connection.url", url);
    config.put("connection.user", "sa");
    config.put("connection.password", "");
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    return config;
  }

  private static void create(TestingRestClient rest, String name, Map<String, String> config) {
    TestingRestClient.Response response =
        rest.post("/connectors", Map.of("name", name, "config", config));
    assertThat(response.status()).as(response.text()).isEqualTo(201);
  }

  private static void assertNoFailure(TestingRestClient rest) {
    for (String name : List.of("orders-source", "events-source", "orders-sink", "events-sink")) {
      String status = rest.get("/connectors/" + name + "/status").text();
      assertThat(status).as(name).doesNotContain("FAILED");
    }
  }

  private static void execute(Connection db, String... sql) throws SQLException {
    try (Statement statement = db.createStatement()) {
      for (String s : sql) {
        statement.execute(s);
      }
    }
  }

  /** The rows of {@code sql} as "v1|v2|..." (empty when the table does not exist yet). */
  private static List<String> rows(Connection db, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    } catch (SQLException e) {
      if (e.getErrorCode() == org.h2.api.ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1) {
        return rows;
      }
      throw e;
    }
    return rows;
  }
}
