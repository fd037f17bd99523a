package io.tributary.connect.jdbc.source;

import io.tributary.connect.jdbc.db.ConnectionSettings;
import io.tributary.connect.jdbc.db.TributaryTypes;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The JDBC source's ConfigDef: every key with its doc, type, default, validator and group. */
final class JdbcSourceConfigDef {
  private JdbcSourceConfigDef() {}

  private static final String CONNECTION_GROUP = "Database";
  private static final String MODE_GROUP = "Mode";
  private static final String TABLES_GROUP = "Tables";
  private static final String CONNECTOR_GROUP = "Connector";
  private static final String SPLIT_GROUP = "Large tables";

  static ConfigDef define() {
    ConfigDef def = ConnectionSettings.addTo(new ConfigDef(), CONNECTION_GROUP);
    def.define(
            JdbcSourceConfig.MODE_CONFIG,
            Type.STRING,
            "",
            Importance.HIGH,
            "How rows are found on each poll: bulk (the whole table every time), incrementing (a"
                + " strictly increasing column, new rows only), timestamp (a last-modified"
                + " timestamp, new and updated rows), timestamp+incrementing (both: ties on one"
                + " timestamp are ordered by the incrementing column).",
            MODE_GROUP,
            1,
            ConfigDef.Width.MEDIUM,
            "Mode")
        .define(
            JdbcSourceConfig.INCREMENTING_COLUMN_CONFIG,
            Type.STRING,
            "",
            Importance.MEDIUM,
            "The strictly increasing column for the incrementing modes; empty: the table's"
                + " auto-increment column.",
            MODE_GROUP,
            2,
            ConfigDef.Width.MEDIUM,
            "Incrementing column")
        .define(
            JdbcSourceConfig.TIMESTAMP_COLUMN_CONFIG,
            Type.LIST,
            "",
            Importance.MEDIUM,
            "The timestamp column(s) for the timestamp modes; several are COALESCE'd in order (the"
                + " first non-null one counts).",
            MODE_GROUP,
            3,
            ConfigDef.Width.MEDIUM,
            "Timestamp columns")
        .define(
            JdbcSourceConfig.TIMESTAMP_INITIAL_CONFIG,
            Type.LONG,
            null,
            Importance.LOW,
            "Where the timestamp modes start when no offset is stored, in milliseconds since the"
                + " epoch (-1: the database's current time); empty: from the beginning.",
            MODE_GROUP,
            4,
            ConfigDef.Width.MEDIUM,
            "Initial timestamp")
        .define(
            JdbcSourceConfig.VALIDATE_NON_NULL_CONFIG,
            Type.BOOLEAN,
            true,
            Importance.LOW,
            "Fail when an incrementing or timestamp column is nullable (rows with NULL there"
                + " would never be read).",
            MODE_GROUP,
            5,
            ConfigDef.Width.SHORT,
            "Validate non-null")
        .define(
            JdbcSourceConfig.QUERY_CONFIG,
            Type.STRING,
            "",
            Importance.MEDIUM,
            "A custom query instead of tables, in any mode: it is wrapped as a subquery, so the"
                + " mode's conditions apply to its result columns. Its records go to topic.prefix.",
            MODE_GROUP,
            6,
            ConfigDef.Width.LONG,
            "Query")
        .define(
            JdbcSourceConfig.TABLE_INCLUDE_LIST_CONFIG,
            Type.LIST,
            "",
            Importance.MEDIUM,
            "Tables to copy (names or schema.table); empty: every table not excluded.",
            TABLES_GROUP,
            1,
            ConfigDef.Width.LONG,
            "Included tables")
        .define(
            JdbcSourceConfig.TABLE_WHITELIST_CONFIG,
            Type.LIST,
            "",
            Importance.LOW,
            "Older name of table.include.list.",
            TABLES_GROUP,
            2,
            ConfigDef.Width.LONG,
            "Table whitelist")
        .define(
            JdbcSourceConfig.TABLE_EXCLUDE_LIST_CONFIG,
            Type.LIST,
            "",
            Importance.MEDIUM,
            "Tables not to copy (names or schema.table).",
            TABLES_GROUP,
            3,
            ConfigDef.Width.LONG,
            "Excluded tables")
        .define(
            JdbcSourceConfig.TABLE_BLACKLIST_CONFIG,
            Type.LIST,
            "",
            Importance.LOW,
            "Older name of table.exclude.list.",
            TABLES_GROUP,
            4,
            ConfigDef.Width.LONG,
            "Table blacklist")
        .define(
            JdbcSourceConfig.SCHEMA_PATTERN_CONFIG,
            Type.STRING,
            null,
            Importance.MEDIUM,
            "A schema name pattern (SQL LIKE) tables are looked for in; empty: every schema.",
            TABLES_GROUP,
            5,
            ConfigDef.Width.MEDIUM,
            "Schema pattern")
        .define(
            JdbcSourceConfig.CATALOG_PATTERN_CONFIG,
            Type.STRING,
            null,
            Importance.LOW,
            "A catalog name pattern tables are looked for in; empty: every catalog.",
            TABLES_GROUP,
            6,
            ConfigDef.Width.MEDIUM,
            "Catalog pattern")
        .define(
            JdbcSourceConfig.TABLE_TYPES_CONFIG,
            Type.LIST,
            "TABLE",
            Importance.LOW,
            "Table types to copy, as the driver names them (TABLE, VIEW, ...).",
            TABLES_GROUP,
            7,
            ConfigDef.Width.MEDIUM,
            "Table types")
        .define(
            JdbcSourceConfig.TABLE_POLL_INTERVAL_MS_CONFIG,
            Type.LONG,
            60_000L,
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            "How often to look for added or removed tables, in milliseconds.",
            TABLES_GROUP,
            8,
            ConfigDef.Width.SHORT,
            "Table poll interval (ms)")
        .define(
            JdbcSourceConfig.TOPIC_PREFIX_CONFIG,
            Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            Importance.HIGH,
            "Prefix of the topics: each table goes to <prefix><table>; a query to <prefix>.",
            CONNECTOR_GROUP,
            1,
            ConfigDef.Width.MEDIUM,
            "Topic prefix")
        .define(
            JdbcSourceConfig.POLL_INTERVAL_MS_CONFIG,
            Type.INT,
            5_000,
            ConfigDef.Range.atLeast(1),
            Importance.HIGH,
            "How often each table is queried for new data (bulk: reloaded), in milliseconds.",
            CONNECTOR_GROUP,
            2,
            ConfigDef.Width.SHORT,
            "Poll interval (ms)")
        .define(
            JdbcSourceConfig.BATCH_MAX_ROWS_CONFIG,
            Type.INT,
            100,
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            "At most this many rows per poll of a task.",
            CONNECTOR_GROUP,
            3,
            ConfigDef.Width.SHORT,
            "Max rows per batch")
        .define(
            JdbcSourceConfig.TIMESTAMP_DELAY_CONFIG,
            Type.LONG,
            0L,
            ConfigDef.Range.atLeast(0),
            Importance.HIGH,
            "The timestamp modes read rows only up to the database's current time minus this many"
                + " milliseconds: a transaction that commits later than its rows' timestamps by"
                + " less than this is not skipped.",
            CONNECTOR_GROUP,
            4,
            ConfigDef.Width.SHORT,
            "Timestamp delay (ms)")
        .define(
            JdbcSourceConfig.DB_TIMEZONE_CONFIG,
            Type.STRING,
            "UTC",
            Importance.MEDIUM,
            "The time zone of timestamps without a time zone in the database (a java.time.ZoneId).",
            CONNECTOR_GROUP,
            5,
            ConfigDef.Width.SHORT,
            "DB time zone")
        .define(
            JdbcSourceConfig.NUMERIC_MAPPING_CONFIG,
            Type.STRING,
            null,
            Importance.LOW,
            "How NUMERIC/DECIMAL/NUMBER columns map: none (Connect Decimal), precision_only"
                + " (integral columns of precision <= 18 as INT8..INT64), best_fit (also columns"
                + " with a fraction and precision <= 15 as FLOAT64). Columns without a declared"
                + " precision (Oracle NUMBER, PostgreSQL numeric) are strings holding the exact"
                + " value.",
            CONNECTOR_GROUP,
            6,
            ConfigDef.Width.SHORT,
            "Numeric mapping")
        .define(
            JdbcSourceConfig.TIME_PRECISION_CONFIG,
            Type.STRING,
            TimePrecision.CONNECT.configValue(),
            Importance.LOW,
            "connect: Connect Timestamp/Time types (milliseconds, as Confluent's connector);"
                + " micros: INT64 microseconds named "
                + TributaryTypes.MICRO_TIMESTAMP
                + " / "
                + TributaryTypes.MICRO_TIME
                + ", keeping the database's microseconds.",
            CONNECTOR_GROUP,
            7,
            ConfigDef.Width.SHORT,
            "Time precision")
        .define(
            JdbcSourceConfig.FETCH_SIZE_CONFIG,
            Type.INT,
            10_000,
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            "Rows the driver fetches per round trip; result sets are streamed, never held whole.",
            CONNECTOR_GROUP,
            8,
            ConfigDef.Width.SHORT,
            "Fetch size")
        .define(
            JdbcSourceConfig.THROTTLE_RECORDS_CONFIG,
            Type.LONG,
            0L,
            ConfigDef.Range.atLeast(0),
            Importance.LOW,
            "At most this many records per second for the whole connector (shared equally by its"
                + " tasks); 0: no limit.",
            CONNECTOR_GROUP,
            9,
            ConfigDef.Width.SHORT,
            "Records per second")
        .define(
            JdbcSourceConfig.THROTTLE_BYTES_CONFIG,
            Type.LONG,
            0L,
            ConfigDef.Range.atLeast(0),
            Importance.LOW,
            "At most about this many bytes of row data per second for the whole connector (shared"
                + " equally by its tasks); 0: no limit.",
            CONNECTOR_GROUP,
            10,
            ConfigDef.Width.SHORT,
            "Bytes per second")
        .define(
            JdbcSourceConfig.SCHEDULE_CONFIG,
            Type.STRING,
            "",
            Importance.MEDIUM,
            "bulk mode: a cron expression (five fields, Unix style, evaluated in db.timezone) for"
                + " when each snapshot starts, instead of every poll.interval.ms.",
            CONNECTOR_GROUP,
            11,
            ConfigDef.Width.MEDIUM,
            "Schedule")
        .define(
            JdbcSourceConfig.LOAD_ONCE_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            "bulk mode: load each table once, then idle (the offsets show each range done).",
            CONNECTOR_GROUP,
            12,
            ConfigDef.Width.SHORT,
            "Load once")
        .define(
            JdbcSourceConfig.SPLIT_COLUMN_CONFIG,
            Type.STRING,
            "",
            Importance.MEDIUM,
            "The column a table's load is split on (numeric, date or timestamp); empty: the"
                + " primary key when it is one such column (for a query: required). On Oracle,"
                + " ROWID splits by ROWID ranges of the table's extents.",
            SPLIT_GROUP,
            1,
            ConfigDef.Width.MEDIUM,
            "Split column")
        .define(
            JdbcSourceConfig.SPLIT_RANGES_CONFIG,
            Type.INT,
            1,
            ConfigDef.Range.atLeast(1),
            Importance.MEDIUM,
            "Into how many ranges of the split column each table's bulk load (or an incremental"
                + " mode's initial load) is split; the ranges are spread over all tasks and each"
                + " range's progress is kept in the offsets. 1: not split.",
            SPLIT_GROUP,
            2,
            ConfigDef.Width.SHORT,
            "Split ranges")
        .define(
            JdbcSourceConfig.SPLIT_ROWS_PER_RANGE_CONFIG,
            Type.LONG,
            0L,
            ConfigDef.Range.atLeast(0),
            Importance.LOW,
            "Instead of split.ranges: about this many rows per range (from a COUNT in the boundary"
                + " query); 0: use split.ranges.",
            SPLIT_GROUP,
            3,
            ConfigDef.Width.SHORT,
            "Rows per range");
    defineConfluentExtras(def);
    return def;
  }

  /** Confluent's less common keys, with Confluent's names, meanings and (mostly) defaults. */
  private static void defineConfluentExtras(ConfigDef def) {
    def.define(
            JdbcSourceConfig.QUERY_SUFFIX_CONFIG,
            Type.STRING,
            "",
            Importance.LOW,
            "Text appended to every query that reads rows (after its ORDER BY), e.g. a hint or"
                + " a locking clause.",
            MODE_GROUP,
            7,
            ConfigDef.Width.MEDIUM,
            "Query suffix")
        .define(
            JdbcSourceConfig.TIMESTAMP_GRANULARITY_CONFIG,
            Type.STRING,
            TimestampGranularity.CONNECT_LOGICAL.configValue(),
            Importance.LOW,
            "How TIMESTAMP columns are represented: connect_logical (as time.precision.mode"
                + " says), nanos_long (INT64 nanoseconds since the epoch), nanos_string (the same"
                + " as a string), nanos_iso_datetime_string (yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS in"
                + " db.timezone).",
            CONNECTOR_GROUP,
            13,
            ConfigDef.Width.MEDIUM,
            "Timestamp granularity")
        .define(
            JdbcSourceConfig.TRANSACTION_ISOLATION_CONFIG,
            Type.STRING,
            IsolationMode.DEFAULT.name(),
            Importance.LOW,
            "The isolation level of the reading transactions: DEFAULT (the connection's),"
                + " READ_UNCOMMITTED, READ_COMMITTED, REPEATABLE_READ or SERIALIZABLE.",
            CONNECTION_GROUP,
            10,
            ConfigDef.Width.MEDIUM,
            "Transaction isolation")
        .define(
            JdbcSourceConfig.QUOTE_SQL_IDENTIFIERS_CONFIG,
            Type.STRING,
            "always",
            ConfigDef.CaseInsensitiveValidString.in("always", "never"),
            Importance.LOW,
            "Whether table and column names are quoted in the source's SQL: always (exact"
                + " spelling) or never (as written; the database folds them to its case).",
            CONNECTION_GROUP,
            11,
            ConfigDef.Width.SHORT,
            "Quote identifiers")
        .define(
            JdbcSourceConfig.QUERY_RETRY_ATTEMPTS_CONFIG,
            Type.INT,
            0,
            ConfigDef.Range.atLeast(-1),
            Importance.LOW,
            "How many times in a row a failing query (an SQL error other than a lost connection,"
                + " which connection.attempts covers) is retried on the next polls before the task"
                + " fails; -1: without limit (Confluent's default). 0: the task fails at once.",
            CONNECTION_GROUP,
            12,
            ConfigDef.Width.SHORT,
            "Query retry attempts")
        .define(
            JdbcSourceConfig.NUMERIC_PRECISION_MAPPING_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.LOW,
            "Deprecated (as in Confluent's connector): true means numeric.mapping=precision_only"
                + " when numeric.mapping is not set.",
            CONNECTOR_GROUP,
            14,
            ConfigDef.Width.SHORT,
            "Numeric precision mapping (deprecated)");
  }
}
