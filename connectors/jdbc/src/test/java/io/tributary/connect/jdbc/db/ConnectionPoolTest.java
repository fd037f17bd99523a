package io.tributary.connect.jdbc.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.TestingPostgres;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class ConnectionPoolTest {

  @Test
  void connectsToARealPostgres() throws Exception {
    try (TestingPostgres postgres = TestingPostgres.start();
        ConnectionPool pool = ConnectionPool.open(settings(postgres.jdbcUrl(), 1), "pool-test", 2);
        Connection connection = pool.connection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT 41 + 1")) {
      assertThat(result.next()).isTrue();
      assertThat(result.getInt(1)).isEqualTo(42);
      assertThat(pool.dialect()).isEqualTo(Dialect.POSTGRES);
    }
  }

  @Test
  void anUnreachableDatabaseFailsAfterTheAttemptsNamingWhatToCheck() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (ConnectionPool pool =
        ConnectionPool.open(
            settings("jdbc:postgresql://127.0.0.1:" + closedPort + "/sales", 2), "down", 1)) {
      assertThatThrownBy(pool::connection)
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("after 2 attempt(s)")
          .hasMessageContaining("not reachable")
          .hasMessageContaining("connection.url")
          .hasMessageNotContaining("s3cret");
    }
  }

  @Test
  void aUrlNoDriverAcceptsIsAConfigErrorNamingTheKey() {
    assertThatThrownBy(() -> ConnectionPool.open(settings("jdbc:nosuchdb://x", 1), "none", 1))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("connection.url")
        .hasMessageContaining("plugin directory");
  }

  private static ConnectionSettings settings(String url, int attempts) {
    return new ConnectionSettings(
        url,
        Optional.of("postgres"),
        new Password("s3cret"),
        attempts,
        Duration.ofMillis(10),
        Dialect.choose(url, Optional.empty()));
  }
}
