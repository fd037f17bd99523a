package io.tributary.connect.jdbc.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.jdbc.TestingPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/** Driver properties given to one pool reach its connections, and the URL's values win. */
class ConnectionPoolDriverPropertiesTest {

  @Test
  void driverPropertiesApplyToThePoolsConnectionsAndTheUrlWins() throws Exception {
    try (TestingPostgres postgres = TestingPostgres.start()) {
      // given
      Map<String, String> properties = Map.of("options", "-c statement_timeout=1234");

      // when / then
      try (ConnectionPool pool =
          ConnectionPool.open(settings(postgres.jdbcUrl()), "p", 1, properties)) {
        assertThat(show(pool, "statement_timeout")).isEqualTo("1234ms");
      }
      String url = postgres.jdbcUrl() + "?options=-c%20statement_timeout%3D4321";
      try (ConnectionPool pool = ConnectionPool.open(settings(url), "p", 1, properties)) {
        assertThat(show(pool, "statement_timeout")).isEqualTo("4321ms");
      }
      try (ConnectionPool pool = ConnectionPool.open(settings(postgres.jdbcUrl()), "p", 1)) {
        assertThat(show(pool, "statement_timeout")).isEqualTo("0");
      }
    }
  }

  private static String show(ConnectionPool pool, String setting) throws Exception {
    try (Connection connection = pool.connection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static ConnectionSettings settings(String url) {
    return new ConnectionSettings(
        url,
        Optional.of("postgres"),
        new Password(""),
        1,
        Duration.ofMillis(10),
        Dialect.choose(url, Optional.empty()));
  }
}
