package io.tributary.connect.jdbc.sink;

import io.tributary.connect.jdbc.db.ConnectionSettings;
import io.tributary.connect.jdbc.db.DialectKind;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The JDBC sink's settings: Confluent's JDBC sink keys wherever the concept is the same, plus
 * {@code exactly.once.enabled}, {@code offsets.table.name} and {@code postgres.copy.enabled}.
 *
 * <p>Constructing it checks every key alone (ConfigDef validators) and the keys against each other
 * ({@link #crossKeyProblems}), and throws a {@link ConfigException} naming the key, its value and
 * the fix. Immutable.
 */
public final class JdbcSinkConfig extends AbstractConfig {
  private static final String CONNECTION_GROUP = "Connection";
  private static final String WRITES_GROUP = "Writes";
  private static final String DATA_MAPPING_GROUP = "Data Mapping";
  private static final String DDL_GROUP = "DDL Support";
  private static final String RETRIES_GROUP = "Retries";
  private static final String EXACTLY_ONCE_GROUP = "Exactly once";

  public static final String INSERT_MODE_CONFIG = "insert.mode";
  public static final String INSERT_MODE_DEFAULT = "insert";
  private static final String INSERT_MODE_DOC =
      "How records are written: insert (INSERT), upsert (insert or update by primary key:"
          + " PostgreSQL INSERT ... ON CONFLICT, Oracle MERGE; not available for the generic"
          + " dialect) or update (UPDATE by primary key). upsert and update need a pk.mode other"
          + " than none.";

  public static final String BATCH_SIZE_CONFIG = "batch.size";
  public static final int BATCH_SIZE_DEFAULT = 3000;
  private static final String BATCH_SIZE_DOC =
      "How many rows go to the database in one batched statement (or one COPY).";

  public static final String DELETE_ENABLED_CONFIG = "delete.enabled";
  private static final String DELETE_ENABLED_DOC =
      "Whether a tombstone (a record with a null value) deletes the row with the record key's"
          + " primary key. Needs pk.mode=record_key.";

  public static final String TABLE_NAME_FORMAT_CONFIG = "table.name.format";
  public static final String TABLE_NAME_FORMAT_DEFAULT = "${topic}";
  private static final String TABLE_NAME_FORMAT_DOC =
      "The table a topic's records go to; ${topic} stands for the topic name. Dots separate"
          + " catalog, schema and table (schema.table, or catalog.schema.table).";

  public static final String PK_MODE_CONFIG = "pk.mode";
  public static final String PK_MODE_DEFAULT = "none";
  private static final String PK_MODE_DOC =
      "Where the primary key comes from: none; kafka (the record's topic, partition and offset,"
          + " in columns __connect_topic, __connect_partition, __connect_offset unless pk.fields"
          + " names three others); record_key (the key's fields, or a primitive key as the one"
          + " column named in pk.fields); record_value (the value's fields named in pk.fields, all"
          + " of them if empty).";

  public static final String PK_FIELDS_CONFIG = "pk.fields";
  private static final String PK_FIELDS_DOC =
      "The primary key's columns, read according to pk.mode (see there). Empty: the mode's"
          + " default.";

  public static final String FIELDS_WHITELIST_CONFIG = "fields.whitelist";
  private static final String FIELDS_WHITELIST_DOC =
      "The record value's fields to write, comma-separated; empty: all of them. Primary key"
          + " fields are always written.";

  public static final String FIELDS_INCLUDE_LIST_CONFIG = "fields.include.list";
  private static final String FIELDS_INCLUDE_LIST_DOC =
      "Newer name of fields.whitelist: the record value's fields to write; empty: all of them."
          + " Set one of the two.";

  public static final String DB_TIMEZONE_CONFIG = "db.timezone";
  public static final String DB_TIMEZONE_DEFAULT = "UTC";
  private static final String DB_TIMEZONE_DOC =
      "The time zone in which Timestamp values are written to TIMESTAMP columns without a time"
          + " zone (an ID such as UTC or Europe/Helsinki).";

  public static final String AUTO_CREATE_CONFIG = "auto.create";
  private static final String AUTO_CREATE_DOC =
      "Whether a missing table is created (CREATE TABLE) from the record's schema, with the"
          + " primary key of pk.mode.";

  public static final String AUTO_EVOLVE_CONFIG = "auto.evolve";
  private static final String AUTO_EVOLVE_DOC =
      "Whether fields missing from the table are added (ALTER TABLE ... ADD): optional fields and"
          + " fields with a default value. A new required field without a default is an error.";

  public static final String QUOTE_SQL_IDENTIFIERS_CONFIG = "quote.sql.identifiers";
  public static final String QUOTE_SQL_IDENTIFIERS_DEFAULT = "always";
  private static final String QUOTE_SQL_IDENTIFIERS_DOC =
      "Whether table and column names are quoted in SQL: always (exact spelling) or never (the"
          + " database folds unquoted names to its case).";

  public static final String MAX_RETRIES_CONFIG = "max.retries";
  public static final int MAX_RETRIES_DEFAULT = 10;
  private static final String MAX_RETRIES_DOC =
      "How many times a write failing for a transient reason (connection lost, deadlock,"
          + " serialization failure, database unavailable) is retried before the task fails.";

  public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
  public static final long RETRY_BACKOFF_MS_DEFAULT = 3000L;
  private static final String RETRY_BACKOFF_MS_DOC =
      "How long to wait before retrying a failed write, in milliseconds.";

  public static final String EXACTLY_ONCE_ENABLED_CONFIG = "exactly.once.enabled";
  private static final String EXACTLY_ONCE_ENABLED_DOC =
      "Whether the consumed offsets are stored in offsets.table.name in the same transaction as"
          + " the rows, and the task starts from them, so no record is written twice even after a"
          + " crash (also for insert.mode=insert). Off: Kafka Connect's committed offsets alone"
          + " decide where a restarted task resumes (at least once).";

  public static final String OFFSETS_TABLE_NAME_CONFIG = "offsets.table.name";
  public static final String OFFSETS_TABLE_NAME_DEFAULT = "__tributary_sink_offsets";
  private static final String OFFSETS_TABLE_NAME_DOC =
      "The table (schema.table or table) holding the consumed offsets when exactly.once.enabled:"
          + " columns connector, topic, partition, next_offset. Created if missing.";

  public static final String POSTGRES_COPY_ENABLED_CONFIG = "postgres.copy.enabled";
  private static final String POSTGRES_COPY_ENABLED_DOC =
      "Whether plain inserts into PostgreSQL (insert.mode=insert, pk.mode none or kafka) use COPY"
          + " FROM STDIN instead of batched INSERTs (faster; same transaction).";

  static final List<String> KAFKA_PK_DEFAULTS =
      List.of("__connect_topic", "__connect_partition", "__connect_offset");

  public static final ConfigDef CONFIG_DEF = configDef();

  private final ConnectionSettings connection;
  private final InsertMode insertMode;
  private final PkMode pkMode;
  private final ZoneId timeZone;

  public JdbcSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    this.connection = ConnectionSettings.from(this);
    this.insertMode = InsertMode.valueOf(getString(INSERT_MODE_CONFIG).toUpperCase(Locale.ROOT));
    this.pkMode = PkMode.valueOf(getString(PK_MODE_CONFIG).toUpperCase(Locale.ROOT));
    this.timeZone = ZoneId.of(getString(DB_TIMEZONE_CONFIG));
    Map<String, String> problems = crossKeyProblems(this);
    if (!problems.isEmpty()) {
      Map.Entry<String, String> first = problems.entrySet().iterator().next();
      throw new ConfigException(first.getKey(), originals().get(first.getKey()), first.getValue());
    }
  }

  private static ConfigDef configDef() {
    ConfigDef def = ConnectionSettings.addTo(new ConfigDef(), CONNECTION_GROUP);
    int order = 0;
    def.define(
            INSERT_MODE_CONFIG,
            Type.STRING,
            INSERT_MODE_DEFAULT,
            lowerCaseIn(InsertMode.values()),
            Importance.HIGH,
            INSERT_MODE_DOC,
            WRITES_GROUP,
            ++order,
            Width.MEDIUM,
            "Insert mode")
        .define(
            BATCH_SIZE_CONFIG,
            Type.INT,
            BATCH_SIZE_DEFAULT,
            ConfigDef.Range.atLeast(1),
            Importance.MEDIUM,
            BATCH_SIZE_DOC,
            WRITES_GROUP,
            ++order,
            Width.SHORT,
            "Batch size")
        .define(
            DELETE_ENABLED_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            DELETE_ENABLED_DOC,
            WRITES_GROUP,
            ++order,
            Width.SHORT,
            "Delete on tombstones")
        .define(
            POSTGRES_COPY_ENABLED_CONFIG,
            Type.BOOLEAN,
            true,
            Importance.LOW,
            POSTGRES_COPY_ENABLED_DOC,
            WRITES_GROUP,
            ++order,
            Width.SHORT,
            "PostgreSQL COPY");
    order = 0;
    def.define(
            TABLE_NAME_FORMAT_CONFIG,
            Type.STRING,
            TABLE_NAME_FORMAT_DEFAULT,
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            TABLE_NAME_FORMAT_DOC,
            DATA_MAPPING_GROUP,
            ++order,
            Width.LONG,
            "Table name format")
        .define(
            PK_MODE_CONFIG,
            Type.STRING,
            PK_MODE_DEFAULT,
            lowerCaseIn(PkMode.values()),
            Importance.HIGH,
            PK_MODE_DOC,
            DATA_MAPPING_GROUP,
            ++order,
            Width.MEDIUM,
            "Primary key mode")
        .define(
            PK_FIELDS_CONFIG,
            Type.LIST,
            "",
            Importance.MEDIUM,
            PK_FIELDS_DOC,
            DATA_MAPPING_GROUP,
            ++order,
            Width.LONG,
            "Primary key fields")
        .define(
            FIELDS_WHITELIST_CONFIG,
            Type.LIST,
            "",
            Importance.MEDIUM,
            FIELDS_WHITELIST_DOC,
            DATA_MAPPING_GROUP,
            ++order,
            Width.LONG,
            "Fields")
        .define(
            FIELDS_INCLUDE_LIST_CONFIG,
            Type.LIST,
            "",
            Importance.MEDIUM,
            FIELDS_INCLUDE_LIST_DOC,
            DATA_MAPPING_GROUP,
            ++order,
            Width.LONG,
            "Included fields")
        .define(
            DB_TIMEZONE_CONFIG,
            Type.STRING,
            DB_TIMEZONE_DEFAULT,
            JdbcSinkConfig::checkZone,
            Importance.MEDIUM,
            DB_TIMEZONE_DOC,
            DATA_MAPPING_GROUP,
            ++order,
            Width.MEDIUM,
            "Database time zone");
    order = 0;
    def.define(
            AUTO_CREATE_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            AUTO_CREATE_DOC,
            DDL_GROUP,
            ++order,
            Width.SHORT,
            "Auto-create")
        .define(
            AUTO_EVOLVE_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            AUTO_EVOLVE_DOC,
            DDL_GROUP,
            ++order,
            Width.SHORT,
            "Auto-evolve")
        .define(
            QUOTE_SQL_IDENTIFIERS_CONFIG,
            Type.STRING,
            QUOTE_SQL_IDENTIFIERS_DEFAULT,
            ConfigDef.CaseInsensitiveValidString.in("always", "never"),
            Importance.MEDIUM,
            QUOTE_SQL_IDENTIFIERS_DOC,
            DDL_GROUP,
            ++order,
            Width.SHORT,
            "Quote identifiers");
    order = 0;
    def.define(
            MAX_RETRIES_CONFIG,
            Type.INT,
            MAX_RETRIES_DEFAULT,
            ConfigDef.Range.atLeast(0),
            Importance.MEDIUM,
            MAX_RETRIES_DOC,
            RETRIES_GROUP,
            ++order,
            Width.SHORT,
            "Maximum retries")
        .define(
            RETRY_BACKOFF_MS_CONFIG,
            Type.LONG,
            RETRY_BACKOFF_MS_DEFAULT,
            ConfigDef.Range.atLeast(0),
            Importance.MEDIUM,
            RETRY_BACKOFF_MS_DOC,
            RETRIES_GROUP,
            ++order,
            Width.SHORT,
            "Retry backoff (ms)");
    order = 0;
    def.define(
            EXACTLY_ONCE_ENABLED_CONFIG,
            Type.BOOLEAN,
            true,
            Importance.MEDIUM,
            EXACTLY_ONCE_ENABLED_DOC,
            EXACTLY_ONCE_GROUP,
            ++order,
            Width.SHORT,
            "Exactly once")
        .define(
            OFFSETS_TABLE_NAME_CONFIG,
            Type.STRING,
            OFFSETS_TABLE_NAME_DEFAULT,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            OFFSETS_TABLE_NAME_DOC,
            EXACTLY_ONCE_GROUP,
            ++order,
            Width.LONG,
            "Offsets table");
    return def;
  }

  private static ConfigDef.Validator lowerCaseIn(Enum<?>[] values) {
    String[] names = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      names[i] = values[i].name().toLowerCase(Locale.ROOT);
    }
    return ConfigDef.CaseInsensitiveValidString.in(names);
  }

  private static void checkZone(String name, Object value) {
    try {
      ZoneId.of((String) value);
    } catch (DateTimeException | NullPointerException e) {
      throw new ConfigException(
          name, value, "not a time zone ID; use e.g. UTC, Europe/Helsinki or +02:00");
    }
  }

  /**
   * The combinations of keys that cannot work, each with the key to change and the fix, in a stable
   * order. Empty when the config is consistent.
   */
  static Map<String, String> crossKeyProblems(AbstractConfig config) {
    PkMode pkMode = PkMode.valueOf(config.getString(PK_MODE_CONFIG).toUpperCase(Locale.ROOT));
    InsertMode insertMode =
        InsertMode.valueOf(config.getString(INSERT_MODE_CONFIG).toUpperCase(Locale.ROOT));
    ConnectionSettings connection = ConnectionSettings.from(config);
    Map<String, String> problems = new LinkedHashMap<>();
    if (config.getBoolean(DELETE_ENABLED_CONFIG) && pkMode != PkMode.RECORD_KEY) {
      problems.put(
          DELETE_ENABLED_CONFIG,
          "deletes find the row by the record key, so delete.enabled=true needs"
              + " pk.mode=record_key (pk.mode is "
              + pkMode.configName()
              + "); set pk.mode=record_key or delete.enabled=false");
    }
    if (insertMode != InsertMode.INSERT && pkMode == PkMode.NONE) {
      problems.put(
          PK_MODE_CONFIG,
          "insert.mode="
              + insertMode.configName()
              + " finds rows by primary key, so pk.mode must not be none; set pk.mode to"
              + " kafka, record_key or record_value");
    }
    if (insertMode == InsertMode.UPSERT
        && connection.dialect().kind() == DialectKind.GENERIC
        && !isH2(connection.url())) {
      problems.put(
          INSERT_MODE_CONFIG,
          "upsert is not supported by the generic dialect ("
              + connection.url()
              + ") except on H2 (MERGE ... KEY); use insert or update, or a PostgreSQL or Oracle"
              + " database (dialect.name)");
    }
    List<String> pkFields = config.getList(PK_FIELDS_CONFIG);
    if (pkMode == PkMode.KAFKA && !pkFields.isEmpty() && pkFields.size() != 3) {
      problems.put(
          PK_FIELDS_CONFIG,
          "pk.mode=kafka needs three column names (topic, partition, offset) or none for the"
              + " defaults "
              + String.join(",", KAFKA_PK_DEFAULTS)
              + "; got "
              + pkFields.size());
    }
    if (pkMode == PkMode.NONE && !pkFields.isEmpty()) {
      problems.put(
          PK_FIELDS_CONFIG,
          "pk.fields is set but pk.mode=none ignores it; set pk.mode or clear pk.fields");
    }
    if (!config.getList(FIELDS_WHITELIST_CONFIG).isEmpty()
        && !config.getList(FIELDS_INCLUDE_LIST_CONFIG).isEmpty()) {
      problems.put(
          FIELDS_WHITELIST_CONFIG,
          "fields.whitelist is the older name of fields.include.list; set only one of them");
    }
    return problems;
  }

  /** H2, whose MERGE ... KEY the generic dialect's upsert writes. */
  static boolean isH2(String url) {
    return url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
  }

  public ConnectionSettings connection() {
    return connection;
  }

  public InsertMode insertMode() {
    return insertMode;
  }

  public PkMode pkMode() {
    return pkMode;
  }

  public List<String> pkFields() {
    return List.copyOf(getList(PK_FIELDS_CONFIG));
  }

  public List<String> fieldsWhitelist() {
    List<String> include = getList(FIELDS_INCLUDE_LIST_CONFIG);
    return List.copyOf(include.isEmpty() ? getList(FIELDS_WHITELIST_CONFIG) : include);
  }

  public ZoneId timeZone() {
    return timeZone;
  }

  public int batchSize() {
    return getInt(BATCH_SIZE_CONFIG);
  }

  public boolean deleteEnabled() {
    return getBoolean(DELETE_ENABLED_CONFIG);
  }

  public boolean autoCreate() {
    return getBoolean(AUTO_CREATE_CONFIG);
  }

  public boolean autoEvolve() {
    return getBoolean(AUTO_EVOLVE_CONFIG);
  }

  public boolean quoteIdentifiers() {
    return getString(QUOTE_SQL_IDENTIFIERS_CONFIG).equalsIgnoreCase("always");
  }

  public String tableNameFormat() {
    return getString(TABLE_NAME_FORMAT_CONFIG);
  }

  public int maxRetries() {
    return getInt(MAX_RETRIES_CONFIG);
  }

  public long retryBackoffMs() {
    return getLong(RETRY_BACKOFF_MS_CONFIG);
  }

  public boolean exactlyOnce() {
    return getBoolean(EXACTLY_ONCE_ENABLED_CONFIG);
  }

  public String offsetsTableName() {
    return getString(OFFSETS_TABLE_NAME_CONFIG);
  }

  public boolean postgresCopy() {
    return getBoolean(POSTGRES_COPY_ENABLED_CONFIG);
  }
}
