package io.tributary.connect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.connect.jdbc.TestingPostgres;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Table discovery, re-checks and the spreading of tables over tasks. */
class JdbcSourceConnectorTest {
  private static TestingPostgres postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = TestingPostgres.start();
    postgres.execute(
        "CREATE SCHEMA shop",
        "CREATE TABLE shop.a (id INT PRIMARY KEY)",
        "CREATE TABLE shop.b (id INT PRIMARY KEY)",
        "CREATE TABLE shop.c (id INT PRIMARY KEY)",
        "CREATE VIEW shop.v AS SELECT id FROM shop.a");
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  private static Map<String, String> props(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put("connection.url", postgres.jdbcUrl());
    props.put("connection.user", postgres.user());
    props.put("topic.prefix", "db-");
    props.put("mode", "bulk");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }

  private static JdbcSourceConnector started(
      Map<String, String> props, AtomicInteger reconfigurations) {
    JdbcSourceConnector connector = new JdbcSourceConnector();
    connector.initialize(
        new SourceConnectorContext() {
          @Override
          public OffsetStorageReader offsetStorageReader() {
            return new TestingOffsets();
          }

          @Override
          public void requestTaskReconfiguration() {
            reconfigurations.incrementAndGet();
          }

          @Override
          public void raiseError(Exception e) {
            throw new AssertionError(e);
          }
        });
    connector.start(props);
    return connector;
  }

  private static List<String> tables(List<Map<String, String>> taskConfigs) {
    return taskConfigs.stream()
        .flatMap(c -> WorkUnit.decodeAll(c.get(JdbcSourceConnector.UNITS_CONFIG)).stream())
        .map(u -> u.source().table().orElseThrow().toString())
        .sorted()
        .toList();
  }

  @Test
  void everyKeyIsDocumented() {
    assertThat(JdbcSourceConfig.CONFIG_DEF.configKeys().values())
        .allSatisfy(key -> assertThat(key.documentation).as(key.name).isNotBlank());
  }

  @Test
  void tablesOfASchemaPatternAreSpreadOverTasks() {
    JdbcSourceConnector connector = started(props("schema.pattern", "shop"), new AtomicInteger());
    try {
      List<Map<String, String>> configs = connector.taskConfigs(2);

      assertThat(configs).hasSize(2);
      assertThat(tables(configs)).containsExactly("shop.a", "shop.b", "shop.c");
      assertThat(configs.get(0).get(JdbcSourceConnector.TASK_COUNT_CONFIG)).isEqualTo("2");
    } finally {
      connector.stop();
    }
  }

  @Test
  void excludeListsAndTableTypesChooseTables() {
    JdbcSourceConnector connector =
        started(
            props(
                "schema.pattern",
                "shop",
                "table.blacklist",
                "b,shop.c",
                "table.types",
                "TABLE,VIEW"),
            new AtomicInteger());
    try {
      assertThat(tables(connector.taskConfigs(4))).containsExactly("shop.a", "shop.v");
    } finally {
      connector.stop();
    }
  }

  @Test
  void aNewTableIsFoundAndTasksAreReconfigured() {
    postgres.execute("CREATE SCHEMA growing", "CREATE TABLE growing.first (id INT PRIMARY KEY)");
    AtomicInteger reconfigurations = new AtomicInteger();
    JdbcSourceConnector connector =
        started(
            props("schema.pattern", "growing", "table.poll.interval.ms", "100"), reconfigurations);
    try {
      assertThat(tables(connector.taskConfigs(4))).containsExactly("growing.first");

      // when
      postgres.execute("CREATE TABLE growing.second (id INT PRIMARY KEY)");

      // then
      await().atMost(Duration.ofSeconds(30)).until(() -> reconfigurations.get() > 0);
      assertThat(tables(connector.taskConfigs(4)))
          .containsExactly("growing.first", "growing.second");
    } finally {
      connector.stop();
    }
  }
}
