package io.tributary.connect.jdbc.source;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.tributary.connect.jdbc.db.ConnectionSettings;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The JDBC source's settings. Keys are Confluent's JDBC source connector's where the concept is the
 * same; Tributary's additions (splitting, throttling, schedules, time precision) have their own
 * keys. {@link #problems()} lists invalid combinations, each naming the key, the value and the fix.
 * Immutable.
 */
public final class JdbcSourceConfig extends AbstractConfig {
  public static final String MODE_CONFIG = "mode";
  public static final String INCREMENTING_COLUMN_CONFIG = "incrementing.column.name";
  public static final String TIMESTAMP_COLUMN_CONFIG = "timestamp.column.name";
  public static final String TIMESTAMP_INITIAL_CONFIG = "timestamp.initial";
  public static final String VALIDATE_NON_NULL_CONFIG = "validate.non.null";
  public static final String QUERY_CONFIG = "query";
  public static final String TABLE_INCLUDE_LIST_CONFIG = "table.include.list";
  public static final String TABLE_WHITELIST_CONFIG = "table.whitelist";
  public static final String TABLE_EXCLUDE_LIST_CONFIG = "table.exclude.list";
  public static final String TABLE_BLACKLIST_CONFIG = "table.blacklist";
  public static final String SCHEMA_PATTERN_CONFIG = "schema.pattern";
  public static final String CATALOG_PATTERN_CONFIG = "catalog.pattern";
  public static final String TABLE_TYPES_CONFIG = "table.types";
  public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
  public static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
  public static final String BATCH_MAX_ROWS_CONFIG = "batch.max.rows";
  public static final String TIMESTAMP_DELAY_CONFIG = "timestamp.delay.interval.ms";
  public static final String DB_TIMEZONE_CONFIG = "db.timezone";
  public static final String NUMERIC_MAPPING_CONFIG = "numeric.mapping";
  public static final String TABLE_POLL_INTERVAL_MS_CONFIG = "table.poll.interval.ms";
  public static final String QUERY_SUFFIX_CONFIG = "query.suffix";
  public static final String TIMESTAMP_GRANULARITY_CONFIG = "timestamp.granularity";
  public static final String TRANSACTION_ISOLATION_CONFIG = "transaction.isolation.mode";
  public static final String QUOTE_SQL_IDENTIFIERS_CONFIG = "quote.sql.identifiers";
  public static final String QUERY_RETRY_ATTEMPTS_CONFIG = "query.retry.attempts";
  public static final String NUMERIC_PRECISION_MAPPING_CONFIG = "numeric.precision.mapping";
  // Tributary's own keys.
  public static final String TIME_PRECISION_CONFIG = "time.precision.mode";
  public static final String FETCH_SIZE_CONFIG = "fetch.size";
  public static final String SPLIT_COLUMN_CONFIG = "split.column";
  public static final String SPLIT_RANGES_CONFIG = "split.ranges";
  public static final String SPLIT_ROWS_PER_RANGE_CONFIG = "split.rows.per.range";
  public static final String THROTTLE_RECORDS_CONFIG = "throttle.records.per.second";
  public static final String THROTTLE_BYTES_CONFIG = "throttle.bytes.per.second";
  public static final String SCHEDULE_CONFIG = "schedule";
  public static final String LOAD_ONCE_CONFIG = "load.once";

  public static final ConfigDef CONFIG_DEF = JdbcSourceConfigDef.define();

  public JdbcSourceConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
  }

  /** Invalid values and combinations, by key; empty when the config is usable. */
  public Map<String, List<String>> problems() {
    Map<String, List<String>> problems = new LinkedHashMap<>();
    Optional<SourceMode> mode = SourceMode.parse(getString(MODE_CONFIG));
    if (mode.isEmpty()) {
      add(
          problems,
          MODE_CONFIG,
          "Invalid value '"
              + getString(MODE_CONFIG)
              + "' for configuration mode: use one of "
              + SourceMode.names());
    } else {
      if (mode.get().usesTimestamp() && timestampColumns().isEmpty()) {
        add(
            problems,
            TIMESTAMP_COLUMN_CONFIG,
            "Missing value for configuration timestamp.column.name: mode "
                + mode.get().configValue()
                + " needs at least one timestamp column");
      }
      if (mode.get() != SourceMode.BULK && !getString(SCHEDULE_CONFIG).isBlank()) {
        add(
            problems,
            SCHEDULE_CONFIG,
            "Invalid value '"
                + getString(SCHEDULE_CONFIG)
                + "' for configuration schedule: a schedule applies to mode bulk only; remove it"
                + " or set mode=bulk");
      }
      if (mode.get() != SourceMode.BULK && getBoolean(LOAD_ONCE_CONFIG)) {
        add(
            problems,
            LOAD_ONCE_CONFIG,
            "Invalid value true for configuration load.once: it applies to mode bulk only");
      }
    }
    if (!query().isEmpty() && (!includeList().isEmpty() || !excludeList().isEmpty())) {
      add(
          problems,
          QUERY_CONFIG,
          "Invalid configuration: query and table.include.list/table.exclude.list exclude each"
              + " other; use one of them");
    }
    if (!includeList().isEmpty() && !excludeList().isEmpty()) {
      add(
          problems,
          TABLE_EXCLUDE_LIST_CONFIG,
          "Invalid configuration: set table.include.list (table.whitelist) or"
              + " table.exclude.list (table.blacklist), not both");
    }
    if (!getList(TABLE_INCLUDE_LIST_CONFIG).isEmpty()
        && !getList(TABLE_WHITELIST_CONFIG).isEmpty()) {
      add(
          problems,
          TABLE_WHITELIST_CONFIG,
          "Invalid configuration: table.whitelist is the older name of table.include.list; set"
              + " only one");
    }
    if (!getList(TABLE_EXCLUDE_LIST_CONFIG).isEmpty()
        && !getList(TABLE_BLACKLIST_CONFIG).isEmpty()) {
      add(
          problems,
          TABLE_BLACKLIST_CONFIG,
          "Invalid configuration: table.blacklist is the older name of table.exclude.list; set"
              + " only one");
    }
    try {
      ZoneId.of(getString(DB_TIMEZONE_CONFIG));
    } catch (DateTimeException e) {
      add(
          problems,
          DB_TIMEZONE_CONFIG,
          "Invalid value '"
              + getString(DB_TIMEZONE_CONFIG)
              + "' for configuration db.timezone: not a time zone ("
              + e.getMessage()
              + "); use e.g. UTC or Europe/Berlin");
    }
    if (NumericMapping.parse(getString(NUMERIC_MAPPING_CONFIG)).isEmpty()) {
      add(
          problems,
          NUMERIC_MAPPING_CONFIG,
          "Invalid value '"
              + getString(NUMERIC_MAPPING_CONFIG)
              + "' for configuration numeric.mapping: use none, precision_only or best_fit");
    }
    if (TimePrecision.parse(getString(TIME_PRECISION_CONFIG)).isEmpty()) {
      add(
          problems,
          TIME_PRECISION_CONFIG,
          "Invalid value '"
              + getString(TIME_PRECISION_CONFIG)
              + "' for configuration time.precision.mode: use connect or micros");
    }
    Optional<TimestampGranularity> granularity =
        TimestampGranularity.parse(getString(TIMESTAMP_GRANULARITY_CONFIG));
    if (granularity.isEmpty()) {
      add(
          problems,
          TIMESTAMP_GRANULARITY_CONFIG,
          "Invalid value '"
              + getString(TIMESTAMP_GRANULARITY_CONFIG)
              + "' for configuration timestamp.granularity: use one of "
              + TimestampGranularity.names());
    } else if (granularity.get() != TimestampGranularity.CONNECT_LOGICAL
        && TimePrecision.parse(getString(TIME_PRECISION_CONFIG)).orElse(null)
            == TimePrecision.MICROS) {
      add(
          problems,
          TIMESTAMP_GRANULARITY_CONFIG,
          "Invalid value '"
              + getString(TIMESTAMP_GRANULARITY_CONFIG)
              + "' for configuration timestamp.granularity: time.precision.mode=micros already"
              + " chooses how timestamps are represented; set one of them");
    }
    String isolation = getString(TRANSACTION_ISOLATION_CONFIG);
    if (IsolationMode.parse(isolation).isEmpty()) {
      add(
          problems,
          TRANSACTION_ISOLATION_CONFIG,
          "Invalid value '"
              + isolation
              + "' for configuration transaction.isolation.mode: use one of "
              + IsolationMode.names()
              + (isolation.trim().equalsIgnoreCase("SQL_SERVER_SNAPSHOT")
                  ? " (SQL_SERVER_SNAPSHOT is SQL Server's, which has no dialect here)"
                  : ""));
    }
    if (getString(NUMERIC_MAPPING_CONFIG) != null && getBoolean(NUMERIC_PRECISION_MAPPING_CONFIG)) {
      add(
          problems,
          NUMERIC_PRECISION_MAPPING_CONFIG,
          "Invalid configuration: numeric.precision.mapping is the deprecated form of"
              + " numeric.mapping=precision_only; set only numeric.mapping");
    }
    String schedule = getString(SCHEDULE_CONFIG);
    if (!schedule.isBlank()) {
      try {
        parseCron(schedule);
      } catch (IllegalArgumentException e) {
        add(
            problems,
            SCHEDULE_CONFIG,
            "Invalid value '"
                + schedule
                + "' for configuration schedule: not a cron expression of five fields (Unix:"
                + " minute hour day month weekday) or six (seconds first) ("
                + e.getMessage()
                + "); e.g. '0 2 * * *' for 02:00 every day");
      }
    }
    UNSUPPORTED_CONFLUENT_KEYS.forEach(
        (key, hint) -> {
          if (originals().containsKey(key)) {
            add(
                problems,
                key,
                "Confluent's "
                    + key
                    + " is not supported by Tributary's JDBC source; remove it"
                    + (hint.isEmpty() ? "" : " (" + hint + ")")
                    + ", rather than have it silently ignored");
          }
        });
    if (!query().isEmpty() && splitRequested() && getString(SPLIT_COLUMN_CONFIG).isBlank()) {
      add(
          problems,
          SPLIT_COLUMN_CONFIG,
          "Missing value for configuration split.column: a query has no primary key to split"
              + " on; name a numeric, date or timestamp column of the query");
    }
    return problems;
  }

  /**
   * Keys of Confluent's JDBC source this connector does not implement, with what to use instead: a
   * config that sets one is rejected rather than run without it.
   */
  static final Map<String, String> UNSUPPORTED_CONFLUENT_KEYS =
      Map.of(
          "table.monitoring.startup.polling.limit.ms",
          "tables are listed when the connector starts and every table.poll.interval.ms");

  /** Throws the first problem of {@link #problems()} as a ConfigException. */
  public JdbcSourceConfig validated() {
    Map<String, List<String>> problems = problems();
    if (!problems.isEmpty()) {
      Map.Entry<String, List<String>> first = problems.entrySet().iterator().next();
      throw new ConfigException(first.getValue().get(0));
    }
    return this;
  }

  private static void add(Map<String, List<String>> problems, String key, String message) {
    problems.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
  }

  /**
   * A {@code schedule}: five fields are a Unix cron expression (minute hour day-of-month month
   * day-of-week); six fields put the seconds first (Spring's form, e.g. {@code "0/10 * * * * *"}
   * every ten seconds).
   *
   * @throws IllegalArgumentException when it is neither
   */
  static Cron parseCron(String expression) {
    String trimmed = expression.trim();
    CronType type = trimmed.split("\\s+").length == 6 ? CronType.SPRING : CronType.UNIX;
    Cron cron = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(type)).parse(trimmed);
    cron.validate();
    return cron;
  }

  public ConnectionSettings connection() {
    return ConnectionSettings.from(this);
  }

  public SourceMode mode() {
    return SourceMode.parse(getString(MODE_CONFIG))
        .orElseThrow(() -> new ConfigException(MODE_CONFIG, getString(MODE_CONFIG)));
  }

  public String incrementingColumn() {
    return getString(INCREMENTING_COLUMN_CONFIG).trim();
  }

  public List<String> timestampColumns() {
    return getList(TIMESTAMP_COLUMN_CONFIG).stream().filter(s -> !s.isBlank()).toList();
  }

  public Optional<Long> timestampInitial() {
    return Optional.ofNullable(getLong(TIMESTAMP_INITIAL_CONFIG));
  }

  public boolean validateNonNull() {
    return getBoolean(VALIDATE_NON_NULL_CONFIG);
  }

  public String query() {
    return getString(QUERY_CONFIG).trim();
  }

  public List<String> includeList() {
    List<String> include = getList(TABLE_INCLUDE_LIST_CONFIG);
    return include.isEmpty() ? getList(TABLE_WHITELIST_CONFIG) : include;
  }

  public List<String> excludeList() {
    List<String> exclude = getList(TABLE_EXCLUDE_LIST_CONFIG);
    return exclude.isEmpty() ? getList(TABLE_BLACKLIST_CONFIG) : exclude;
  }

  public Optional<String> schemaPattern() {
    return Optional.ofNullable(getString(SCHEMA_PATTERN_CONFIG)).filter(s -> !s.isBlank());
  }

  public Optional<String> catalogPattern() {
    return Optional.ofNullable(getString(CATALOG_PATTERN_CONFIG)).filter(s -> !s.isBlank());
  }

  public List<String> tableTypes() {
    return getList(TABLE_TYPES_CONFIG);
  }

  public String topicPrefix() {
    return getString(TOPIC_PREFIX_CONFIG);
  }

  public int pollIntervalMs() {
    return getInt(POLL_INTERVAL_MS_CONFIG);
  }

  public int batchMaxRows() {
    return getInt(BATCH_MAX_ROWS_CONFIG);
  }

  public long timestampDelayMs() {
    return getLong(TIMESTAMP_DELAY_CONFIG);
  }

  public ZoneId dbTimeZone() {
    return ZoneId.of(getString(DB_TIMEZONE_CONFIG));
  }

  public NumericMapping numericMapping() {
    if (getString(NUMERIC_MAPPING_CONFIG) == null && getBoolean(NUMERIC_PRECISION_MAPPING_CONFIG)) {
      return NumericMapping.PRECISION_ONLY;
    }
    return NumericMapping.parse(getString(NUMERIC_MAPPING_CONFIG)).orElseThrow();
  }

  public String querySuffix() {
    return getString(QUERY_SUFFIX_CONFIG).trim();
  }

  public TimestampGranularity timestampGranularity() {
    return TimestampGranularity.parse(getString(TIMESTAMP_GRANULARITY_CONFIG)).orElseThrow();
  }

  public IsolationMode isolationMode() {
    return IsolationMode.parse(getString(TRANSACTION_ISOLATION_CONFIG)).orElseThrow();
  }

  public boolean quoteIdentifiers() {
    return getString(QUOTE_SQL_IDENTIFIERS_CONFIG).equalsIgnoreCase("always");
  }

  /** -1: without limit. */
  public int queryRetryAttempts() {
    return getInt(QUERY_RETRY_ATTEMPTS_CONFIG);
  }

  public TimePrecision timePrecision() {
    return TimePrecision.parse(getString(TIME_PRECISION_CONFIG)).orElseThrow();
  }

  public long tablePollIntervalMs() {
    return getLong(TABLE_POLL_INTERVAL_MS_CONFIG);
  }

  public int fetchSize() {
    return getInt(FETCH_SIZE_CONFIG);
  }

  public String splitColumn() {
    return getString(SPLIT_COLUMN_CONFIG).trim();
  }

  public int splitRanges() {
    return getInt(SPLIT_RANGES_CONFIG);
  }

  public long splitRowsPerRange() {
    return getLong(SPLIT_ROWS_PER_RANGE_CONFIG);
  }

  public boolean splitRequested() {
    return splitRanges() > 1 || splitRowsPerRange() > 0;
  }

  public long throttleRecordsPerSecond() {
    return getLong(THROTTLE_RECORDS_CONFIG);
  }

  public long throttleBytesPerSecond() {
    return getLong(THROTTLE_BYTES_CONFIG);
  }

  public Optional<String> schedule() {
    return Optional.of(getString(SCHEDULE_CONFIG)).filter(s -> !s.isBlank());
  }

  public boolean loadOnce() {
    return getBoolean(LOAD_ONCE_CONFIG);
  }
}
