package io.tributary.connect.jdbc.db;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A HikariCP pool for one connector or task. {@link #connection()} retries a failed connect {@code
 * connection.attempts} times with a doubling {@code connection.backoff.ms}, then fails with a
 * message that names the cause (wrong password, database not reachable, unknown database) and what
 * to check, and never the password.
 *
 * <p>The driver is found among the drivers visible to this connector's class loader (its plugin
 * directory) and instantiated directly, not through {@link java.sql.DriverManager}, whose caller
 * checks do not work across plugin class loaders. Thread-safe.
 */
public final class ConnectionPool implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionPool.class);
  private static final long CONNECT_TIMEOUT_MS = 10_000;

  private final ConnectionSettings settings;
  private final HikariDataSource dataSource;

  private ConnectionPool(ConnectionSettings settings, HikariDataSource dataSource) {
    this.settings = settings;
    this.dataSource = dataSource;
  }

  /**
   * A pool of at most {@code maxSize} connections named {@code name} (it shows in the database's
   * session list as the application name where the driver supports it). Connects lazily.
   *
   * @throws ConfigException when no driver on the plugin's class path accepts the URL
   */
  public static ConnectionPool open(ConnectionSettings settings, String name, int maxSize) {
    return open(settings, name, maxSize, Map.of());
  }

  /**
   * As {@link #open(ConnectionSettings, String, int)}, with driver properties for this pool's
   * connections only (e.g. PostgreSQL's {@code reWriteBatchedInserts}); a property given in {@code
   * connection.url} takes precedence where the driver lets the URL win (PostgreSQL's does).
   */
  public static ConnectionPool open(
      ConnectionSettings settings, String name, int maxSize, Map<String, String> driverProperties) {
    requireNonNull(settings, "settings is null");
    requireNonNull(driverProperties, "driverProperties is null");
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(settings.url());
    config.setDriverClassName(driverFor(settings.url()).getClass().getName());
    settings.user().ifPresent(config::setUsername);
    if (!settings.password().value().isEmpty()) {
      config.setPassword(settings.password().value());
    }
    config.setMaximumPoolSize(maxSize);
    config.setMinimumIdle(0);
    // Connect on first use: a database that is down must not fail the constructor.
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
    config.setAutoCommit(true);
    if (settings.dialect().kind() == DialectKind.POSTGRES) {
      config.addDataSourceProperty("ApplicationName", name);
    }
    driverProperties.forEach(config::addDataSourceProperty);
    return new ConnectionPool(settings, new HikariDataSource(config));
  }

  private static Driver driverFor(String url) {
    for (Driver driver : ServiceLoader.load(Driver.class, ConnectionPool.class.getClassLoader())) {
      try {
        if (driver.acceptsURL(url)) {
          return driver;
        }
      } catch (SQLException e) {
        LOGGER.debug("Driver {} cannot tell whether it accepts the URL", driver.getClass(), e);
      }
    }
    throw new ConfigException(
        ConnectionSettings.CONNECTION_URL_CONFIG,
        url,
        "no JDBC driver accepts this URL; PostgreSQL's and Oracle's drivers come with the"
            + " connector, put any other driver's jar in the connector's plugin directory");
  }

  /**
   * A connection from the pool, retried as configured.
   *
   * @throws ConnectException after the last attempt, naming the cause and what to check
   */
  public Connection connection() {
    Duration backoff = settings.backoff();
    SQLException last = null;
    for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
      try {
        return dataSource.getConnection();
      } catch (SQLException e) {
        last = e;
        if (attempt < settings.attempts()) {
          LOGGER.warn(
              "Cannot connect to {} (attempt {} of {}): {}; retrying in {} ms",
              settings.url(),
              attempt,
              settings.attempts(),
              scrub(e.getMessage()),
              backoff.toMillis());
          sleep(backoff);
          backoff = backoff.multipliedBy(2);
        }
      }
    }
    throw new ConnectException(describe(last), withoutPassword(last));
  }

  /** What went wrong connecting, with the fix, for messages users read. */
  String describe(SQLException e) {
    String state = rootState(e);
    String hint =
        switch (state == null ? "" : state) {
          case "28P01", "28000" ->
              "authentication failed: check connection.user and connection.password";
          case "3D000" -> "the database does not exist: check the database name in connection.url";
          default ->
              state != null && state.startsWith("08")
                  ? "the database is not reachable: check connection.url and that the database"
                      + " is running"
                  : "check connection.url, connection.user and connection.password";
        };
    return "Cannot connect to "
        + settings.url()
        + settings.user().map(u -> " as " + u).orElse("")
        + " after "
        + settings.attempts()
        + " attempt(s): "
        + hint
        + " ("
        + scrub(e.getMessage())
        + ")";
  }

  private static String rootState(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  private SQLException withoutPassword(SQLException e) {
    SQLException copy = new SQLException(scrub(e.getMessage()), e.getSQLState(), e.getErrorCode());
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  /** Drivers rarely echo the password, but a message users read must never hold it. */
  private String scrub(String message) {
    String password = settings.password().value();
    if (message == null) {
      return "";
    }
    return password.isEmpty() ? message : message.replace(password, "[hidden]");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while waiting to reconnect", e);
    }
  }

  public ConnectionSettings settings() {
    return settings;
  }

  public Dialect dialect() {
    return settings.dialect();
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
