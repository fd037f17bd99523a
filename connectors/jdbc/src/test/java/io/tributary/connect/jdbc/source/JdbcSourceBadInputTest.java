package io.tributary.connect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.TestingPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad configs, tables, columns, credentials and an unreachable database: clear errors. */
class JdbcSourceBadInputTest {
  private static TestingPostgres postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = TestingPostgres.start();
    postgres.execute(
        "CREATE TABLE present (id INT PRIMARY KEY, maybe INT)",
        "INSERT INTO present VALUES (1, 1)");
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  private static Map<String, String> props(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put("connection.url", postgres.jdbcUrl());
    props.put("connection.user", postgres.user());
    props.put("connection.attempts", "1");
    props.put("connection.backoff.ms", "0");
    props.put("topic.prefix", "db-");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }

  private static List<String> errors(Config config, String key) {
    return config.configValues().stream()
        .filter(v -> v.name().equals(key))
        .findFirst()
        .map(ConfigValue::errorMessages)
        .orElseThrow();
  }

  @Test
  void validateNamesTheKeyTheValueAndTheFix() {
    JdbcSourceConnector connector = new JdbcSourceConnector();

    assertThat(errors(connector.validate(props("mode", "sometimes")), "mode"))
        .singleElement()
        .asString()
        .contains("'sometimes'", "bulk, incrementing, timestamp, timestamp+incrementing");
    assertThat(errors(connector.validate(props("mode", "timestamp")), "timestamp.column.name"))
        .singleElement()
        .asString()
        .contains("needs at least one timestamp column");
    assertThat(
            errors(connector.validate(props("mode", "bulk", "schedule", "every day")), "schedule"))
        .singleElement()
        .asString()
        .contains("'every day'", "cron");
    assertThat(
            errors(
                connector.validate(props("mode", "bulk", "db.timezone", "Mars/Olympus")),
                "db.timezone"))
        .singleElement()
        .asString()
        .contains("Mars/Olympus");
    assertThat(
            errors(
                connector.validate(
                    props("mode", "bulk", "table.include.list", "a", "table.exclude.list", "b")),
                "table.exclude.list"))
        .isNotEmpty();
    assertThat(errors(connector.validate(props("mode", "bulk")), "mode")).isEmpty();
  }

  @Test
  void anUnknownTableFailsTheConnectorNamingIt() {
    JdbcSourceConnector connector = new JdbcSourceConnector();

    assertThatThrownBy(
            () -> connector.start(props("mode", "bulk", "table.include.list", "present,absent")))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("table.include.list")
        .hasMessageContaining("[absent]")
        .hasMessageContaining("public.present");
  }

  @Test
  void anUnknownColumnFailsTheTaskNamingTheColumnAndTheKey() {
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props(
              "mode",
              "incrementing",
              "incrementing.column.name",
              "nope",
              "table.include.list",
              "present"),
          1);

      assertThatThrownBy(source::pollOnce)
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("'nope'")
          .hasMessageContaining("incrementing.column.name")
          .hasMessageContaining("[id, maybe]");
    }
  }

  @Test
  void aNullableIncrementingColumnIsRejectedUnlessAllowed() throws Exception {
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props(
              "mode",
              "incrementing",
              "incrementing.column.name",
              "maybe",
              "table.include.list",
              "present"),
          1);
      assertThatThrownBy(source::pollOnce)
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("'maybe'")
          .hasMessageContaining("validate.non.null");
    }
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props(
              "mode", "incrementing",
              "incrementing.column.name", "maybe",
              "table.include.list", "present",
              "validate.non.null", "false"),
          1);
      assertThat(source.pollUntil(1)).hasSize(1);
    }
  }

  @Test
  void anUnreachableDatabaseFailsWithTheCause() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> props = props("mode", "bulk");
    props.put("connection.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres");

    assertThatThrownBy(() -> new JdbcSourceConnector().start(props))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("not reachable");
  }

  @Test
  void aWrongPasswordFailsWithoutShowingIt() throws Exception {
    // given a server that checks passwords
    String hba;
    try (Connection c = postgres.dataSource().getConnection();
        ResultSet rs = c.createStatement().executeQuery("SHOW hba_file")) {
      rs.next();
      hba = rs.getString(1);
    }
    postgres.execute("CREATE ROLE reader LOGIN PASSWORD 'right-secret'");
    String original = Files.readString(Path.of(hba));
    Files.writeString(
        Path.of(hba),
        "host all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
            + original);
    postgres.execute("SELECT pg_reload_conf()");
    try {
      Map<String, String> props = props("mode", "bulk");
      props.put("connection.user", "reader");
      props.put("connection.password", "wrong-secret");

      // then
      assertThatThrownBy(() -> new JdbcSourceConnector().start(props))
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("authentication failed")
          .hasMessageNotContaining("wrong-secret");
    } finally {
      Files.writeString(Path.of(hba), original);
      postgres.execute("SELECT pg_reload_conf()");
    }
  }

  @Test
  void aDatabaseGoneWhileReadingFailsTheTaskNamingTheCause() throws Exception {
    // given a task streaming from a database of its own
    TestingPostgres own = TestingPostgres.start();
    own.execute("CREATE TABLE rows_t (id INT PRIMARY KEY)", "INSERT INTO rows_t VALUES (1)");
    Map<String, String> props =
        props("mode", "incrementing", "incrementing.column.name", "id", "poll.interval.ms", "10");
    props.put("connection.url", own.jdbcUrl());
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(props, 1);
      assertThat(source.pollUntil(1)).hasSize(1);

      // when the database goes away
      own.close();

      // then the next query fails with the cause
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < 1000; i++) {
                  source.pollOnce();
                }
              })
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("not reachable");
    }
  }
}
