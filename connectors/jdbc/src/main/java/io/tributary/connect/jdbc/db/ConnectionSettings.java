package io.tributary.connect.jdbc.db;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * Where and how to connect, with Confluent's JDBC connector keys. The password is a {@link
 * Password}: it never appears in {@link #toString()}, logs or messages.
 */
public record ConnectionSettings(
    String url,
    Optional<String> user,
    Password password,
    int attempts,
    Duration backoff,
    Dialect dialect) {
  public static final String CONNECTION_URL_CONFIG = "connection.url";
  public static final String CONNECTION_USER_CONFIG = "connection.user";
  public static final String CONNECTION_PASSWORD_CONFIG = "connection.password";
  public static final String CONNECTION_ATTEMPTS_CONFIG = "connection.attempts";
  public static final int CONNECTION_ATTEMPTS_DEFAULT = 3;
  public static final String CONNECTION_BACKOFF_MS_CONFIG = "connection.backoff.ms";
  public static final long CONNECTION_BACKOFF_MS_DEFAULT = 10_000L;

  public ConnectionSettings {
    requireNonNull(url, "url is null");
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
    requireNonNull(backoff, "backoff is null");
    requireNonNull(dialect, "dialect is null");
  }

  /** Adds the connection keys (and {@code dialect.name}) to a connector's ConfigDef. */
  public static ConfigDef addTo(ConfigDef def, String group) {
    return def.define(
            CONNECTION_URL_CONFIG,
            Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "The JDBC URL, such as jdbc:postgresql://db:5432/sales or"
                + " jdbc:oracle:thin:@//db:1521/ORCL.",
            group,
            1,
            ConfigDef.Width.LONG,
            "JDBC URL")
        .define(
            CONNECTION_USER_CONFIG,
            Type.STRING,
            null,
            Importance.HIGH,
            "The database user.",
            group,
            2,
            ConfigDef.Width.MEDIUM,
            "JDBC user")
        .define(
            CONNECTION_PASSWORD_CONFIG,
            Type.PASSWORD,
            null,
            Importance.HIGH,
            "The database user's password; never logged or shown over REST.",
            group,
            3,
            ConfigDef.Width.MEDIUM,
            "JDBC password")
        .define(
            CONNECTION_ATTEMPTS_CONFIG,
            Type.INT,
            CONNECTION_ATTEMPTS_DEFAULT,
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            "How many times to try to connect before the task fails.",
            group,
            4,
            ConfigDef.Width.SHORT,
            "Connection attempts")
        .define(
            CONNECTION_BACKOFF_MS_CONFIG,
            Type.LONG,
            CONNECTION_BACKOFF_MS_DEFAULT,
            ConfigDef.Range.atLeast(0),
            Importance.LOW,
            "How long to wait between connection attempts, in milliseconds (doubling each time).",
            group,
            5,
            ConfigDef.Width.SHORT,
            "Connection backoff (ms)")
        .define(
            Dialect.DIALECT_NAME_CONFIG,
            Type.STRING,
            "",
            Importance.LOW,
            Dialect.DIALECT_NAME_DOC,
            group,
            6,
            ConfigDef.Width.MEDIUM,
            "Dialect");
  }

  /** The settings of a config whose ConfigDef went through {@link #addTo}. */
  public static ConnectionSettings from(AbstractConfig config) {
    String url = config.getString(CONNECTION_URL_CONFIG);
    Password password = config.getPassword(CONNECTION_PASSWORD_CONFIG);
    return new ConnectionSettings(
        url,
        Optional.ofNullable(config.getString(CONNECTION_USER_CONFIG)),
        password == null ? new Password("") : password,
        config.getInt(CONNECTION_ATTEMPTS_CONFIG),
        Duration.ofMillis(config.getLong(CONNECTION_BACKOFF_MS_CONFIG)),
        Dialect.choose(url, Optional.ofNullable(config.getString(Dialect.DIALECT_NAME_CONFIG))));
  }
}
