package io.tributary.registry.client;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The registry client's settings, under Confluent's keys, so existing client configs carry over.
 */
public final class SchemaRegistryClientConfig extends AbstractConfig {

  public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
  public static final String SCHEMA_REGISTRY_URL_DOC =
      "Comma-separated URLs of the schema registry instances, tried in turn (e.g."
          + " http://localhost:8081). mock://<scope> uses an in-memory registry shared by every"
          + " client of that scope in the JVM (for tests).";

  public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE_DEFAULT = "URL";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE_DOC =
      "Where HTTP basic authentication credentials come from: URL (the user info of the registry"
          + " URL, if any) or USER_INFO (basic.auth.user.info).";

  public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";
  public static final String BASIC_AUTH_USER_INFO_DOC =
      "user:password for HTTP basic authentication when basic.auth.credentials.source=USER_INFO.";

  public static final String MAX_SCHEMAS_PER_SUBJECT_CONFIG = "max.schemas.per.subject";
  public static final int MAX_SCHEMAS_PER_SUBJECT_DEFAULT = 1000;
  public static final String MAX_SCHEMAS_PER_SUBJECT_DOC =
      "How many distinct schemas one client caches per subject; registering or looking up more"
          + " than that under one subject fails, since it usually means schemas are built per"
          + " record instead of reused.";

  public static final String REQUEST_TIMEOUT_MS_CONFIG = "schema.registry.request.timeout.ms";
  public static final int REQUEST_TIMEOUT_MS_DEFAULT = 30_000;
  public static final String REQUEST_TIMEOUT_MS_DOC =
      "How long one HTTP request to the registry may take, in milliseconds.";

  public static final String RETRY_TIMEOUT_MS_CONFIG = "schema.registry.retry.timeout.ms";
  public static final int RETRY_TIMEOUT_MS_DEFAULT = 30_000;
  public static final String RETRY_TIMEOUT_MS_DOC =
      "How long, in milliseconds, to keep retrying a request the registry answers with a"
          + " transient error (50002 operation timed out, 50003 forwarding to the leader failed,"
          + " 50004 leader not known, HTTP 503), such as while its instances elect a leader;"
          + " 0 fails at once.";

  /** Adds the client's keys to {@code def} and returns it. */
  public static ConfigDef addClientConfigs(ConfigDef def) {
    return def.define(
            SCHEMA_REGISTRY_URL_CONFIG, Type.LIST, "", Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
        .define(
            BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG,
            Type.STRING,
            BASIC_AUTH_CREDENTIALS_SOURCE_DEFAULT,
            ConfigDef.CaseInsensitiveValidString.in("URL", "USER_INFO"),
            Importance.MEDIUM,
            BASIC_AUTH_CREDENTIALS_SOURCE_DOC)
        .define(
            BASIC_AUTH_USER_INFO_CONFIG,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            BASIC_AUTH_USER_INFO_DOC)
        .define(
            MAX_SCHEMAS_PER_SUBJECT_CONFIG,
            Type.INT,
            MAX_SCHEMAS_PER_SUBJECT_DEFAULT,
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            MAX_SCHEMAS_PER_SUBJECT_DOC)
        .define(
            REQUEST_TIMEOUT_MS_CONFIG,
            Type.INT,
            REQUEST_TIMEOUT_MS_DEFAULT,
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            REQUEST_TIMEOUT_MS_DOC)
        .define(
            RETRY_TIMEOUT_MS_CONFIG,
            Type.INT,
            RETRY_TIMEOUT_MS_DEFAULT,
            ConfigDef.Range.atLeast(0),
            Importance.LOW,
            RETRY_TIMEOUT_MS_DOC);
  }

  /** The client's keys alone. */
  public static ConfigDef configDef() {
    return addClientConfigs(new ConfigDef());
  }

  /** Parses {@code props}; unknown keys are ignored. */
  public SchemaRegistryClientConfig(Map<?, ?> props) {
    super(configDef(), props, false);
  }
}
