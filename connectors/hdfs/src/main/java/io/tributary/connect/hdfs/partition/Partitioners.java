package io.tributary.connect.hdfs.partition;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The partitioner settings, with the keys of Confluent's HDFS connector, and the chosen
 * partitioner. {@code partitioner.class} takes a short name ({@code default}, {@code field}, {@code
 * time}, {@code hourly}, {@code daily}), Confluent's class name for the same partitioner (storage
 * common's or the older HDFS connector's), or a class implementing {@link Partitioner} (public
 * constructor taking an {@link AbstractConfig}, or none).
 *
 * <p>Time-based partitioners need {@code timezone} (as in Confluent's, there is no implicit default
 * zone); {@code locale} is optional here (default: root locale, which only matters for month and
 * day names). {@code hourly} and {@code daily} fix {@code path.format} and {@code
 * partition.duration.ms} and ignore those keys, as Confluent's do. Stateless.
 */
public final class Partitioners {

  public static final String PARTITIONER_CLASS_CONFIG = "partitioner.class";
  public static final String PARTITIONER_CLASS_DEFAULT = "default";
  private static final String PARTITIONER_CLASS_DOC =
      "How records are laid out in directories under topics.dir/<topic>: default (partition=N),"
          + " field (name=value per field of partition.field.name), time (path.format by"
          + " timestamp.extractor), hourly, daily; Confluent's io.confluent.connect.storage"
          + ".partitioner.* class names for the same; or a class implementing"
          + " io.tributary.connect.hdfs.partition.Partitioner.";

  public static final String PARTITION_FIELD_NAME_CONFIG = "partition.field.name";
  private static final String PARTITION_FIELD_NAME_DOC =
      "For partitioner.class=field: the value fields to partition by, in directory order;"
          + " nested fields by dotted names (address.city).";

  public static final String PATH_FORMAT_CONFIG = TimeBasedPartitioner.PATH_FORMAT_CONFIG;
  private static final String PATH_FORMAT_DOC =
      "For partitioner.class=time: the directory layout as a Joda-Time style date pattern, literal"
          + " text in single quotes, e.g. 'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH.";

  public static final String PARTITION_DURATION_MS_CONFIG =
      TimeBasedPartitioner.PARTITION_DURATION_MS_CONFIG;
  private static final String PARTITION_DURATION_MS_DOC =
      "For partitioner.class=time: the length of a time partition in milliseconds; record times"
          + " are rounded down to a multiple of it in the local time of timezone. -1: not set.";

  public static final String LOCALE_CONFIG = TimeBasedPartitioner.LOCALE_CONFIG;
  private static final String LOCALE_DOC =
      "For time-based partitioners: the locale of month and day names in path.format (e.g. en,"
          + " en_US, fr). Empty: the root locale.";

  public static final String TIMEZONE_CONFIG = TimeBasedPartitioner.TIMEZONE_CONFIG;
  private static final String TIMEZONE_DOC =
      "For time-based partitioners (required there): the time zone of the directories, an IANA"
          + " id such as UTC or Europe/Paris.";

  public static final String TIMESTAMP_EXTRACTOR_CONFIG =
      TimeBasedPartitioner.TIMESTAMP_EXTRACTOR_CONFIG;
  private static final String TIMESTAMP_EXTRACTOR_DOC =
      "For time-based partitioners: which time a record is partitioned by: Wallclock (when the"
          + " sink writes it), Record (the Kafka record timestamp) or RecordField (the value field"
          + " timestamp.field: epoch milliseconds, a Connect Timestamp or an ISO-8601 string).";

  public static final String TIMESTAMP_FIELD_CONFIG = TimeBasedPartitioner.TIMESTAMP_FIELD_CONFIG;
  private static final String TIMESTAMP_FIELD_DOC =
      "For timestamp.extractor=RecordField: the value field holding the time, nested fields by"
          + " dotted names.";

  static final String DEFAULT = "default";
  static final String FIELD = "field";
  static final String TIME = "time";
  static final String HOURLY = "hourly";
  static final String DAILY = "daily";

  private static final Map<String, String> CONFLUENT_CLASSES =
      Map.of(
          "io.confluent.connect.storage.partitioner.DefaultPartitioner", DEFAULT,
          "io.confluent.connect.hdfs.partitioner.DefaultPartitioner", DEFAULT,
          "io.confluent.connect.storage.partitioner.FieldPartitioner", FIELD,
          "io.confluent.connect.hdfs.partitioner.FieldPartitioner", FIELD,
          "io.confluent.connect.storage.partitioner.TimeBasedPartitioner", TIME,
          "io.confluent.connect.hdfs.partitioner.TimeBasedPartitioner", TIME,
          "io.confluent.connect.storage.partitioner.HourlyPartitioner", HOURLY,
          "io.confluent.connect.hdfs.partitioner.HourlyPartitioner", HOURLY,
          "io.confluent.connect.storage.partitioner.DailyPartitioner", DAILY,
          "io.confluent.connect.hdfs.partitioner.DailyPartitioner", DAILY);

  private static final java.util.Set<String> SHORT_NAMES =
      java.util.Set.of(DEFAULT, FIELD, TIME, HOURLY, DAILY);

  private Partitioners() {}

  /**
   * A built-in partitioner's short name for {@code name} (any case, or Confluent's class), else
   * {@code name} trimmed.
   */
  private static String shortName(String name) {
    String trimmed = name == null ? "" : name.trim();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (SHORT_NAMES.contains(lower)) {
      return lower;
    }
    return CONFLUENT_CLASSES.getOrDefault(trimmed, trimmed);
  }

  /** Adds every partitioner key to {@code def}. */
  public static void define(ConfigDef def) {
    def.define(
            PARTITIONER_CLASS_CONFIG,
            Type.STRING,
            PARTITIONER_CLASS_DEFAULT,
            ConfigDef.LambdaValidator.with(
                (name, value) -> {
                  String shortName = shortName((String) value);
                  if (shortName.isEmpty()) {
                    throw new ConfigException(name, value, "must not be empty");
                  }
                  if (!SHORT_NAMES.contains(shortName)) {
                    CustomPartitioners.load(shortName);
                  }
                },
                () ->
                    "default, field, time, hourly, daily, a Confluent partitioner class name or a"
                        + " class implementing io.tributary.connect.hdfs.partition.Partitioner"),
            Importance.HIGH,
            PARTITIONER_CLASS_DOC)
        .define(
            PARTITION_FIELD_NAME_CONFIG, Type.LIST, "", Importance.MEDIUM, PARTITION_FIELD_NAME_DOC)
        .define(PATH_FORMAT_CONFIG, Type.STRING, "", Importance.MEDIUM, PATH_FORMAT_DOC)
        .define(
            PARTITION_DURATION_MS_CONFIG,
            Type.LONG,
            -1L,
            Importance.MEDIUM,
            PARTITION_DURATION_MS_DOC)
        .define(LOCALE_CONFIG, Type.STRING, "", Importance.MEDIUM, LOCALE_DOC)
        .define(
            TIMEZONE_CONFIG,
            Type.STRING,
            "",
            ConfigDef.LambdaValidator.with(
                (name, value) -> {
                  if (value != null && !((String) value).isBlank()) {
                    zone((String) value);
                  }
                },
                () -> "empty or a time zone id such as UTC or Europe/Paris"),
            Importance.MEDIUM,
            TIMEZONE_DOC)
        .define(
            TIMESTAMP_EXTRACTOR_CONFIG,
            Type.STRING,
            TimestampExtractors.WALLCLOCK,
            ConfigDef.LambdaValidator.with(
                (name, value) ->
                    TimestampExtractors.named((String) value, "timestamp", ZoneId.of("UTC")),
                () -> "Wallclock, Record or RecordField"),
            Importance.MEDIUM,
            TIMESTAMP_EXTRACTOR_DOC)
        .define(
            TIMESTAMP_FIELD_CONFIG,
            Type.STRING,
            "timestamp",
            Importance.MEDIUM,
            TIMESTAMP_FIELD_DOC);
  }

  /**
   * The partitioner the config chooses.
   *
   * @throws ConfigException naming the key and value when the partitioner is unknown or its
   *     settings are missing or invalid
   */
  public static Partitioner create(AbstractConfig config) {
    String name = config.getString(PARTITIONER_CLASS_CONFIG).trim();
    String shortName = shortName(name);
    return switch (shortName) {
      case DEFAULT -> new DefaultPartitioner();
      case FIELD -> field(config);
      case TIME -> time(config, config.getString(PATH_FORMAT_CONFIG), durationMs(config));
      case HOURLY ->
          time(config, TimeBasedPartitioner.HOURLY_PATH_FORMAT, TimeUnit.HOURS.toMillis(1));
      case DAILY -> time(config, TimeBasedPartitioner.DAILY_PATH_FORMAT, TimeUnit.DAYS.toMillis(1));
      default -> CustomPartitioners.instantiate(shortName, config);
    };
  }

  private static Partitioner field(AbstractConfig config) {
    List<String> names =
        config.getList(PARTITION_FIELD_NAME_CONFIG).stream()
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    if (names.isEmpty()) {
      throw new ConfigException(
          PARTITION_FIELD_NAME_CONFIG,
          config.getList(PARTITION_FIELD_NAME_CONFIG),
          "partitioner.class=field needs at least one field name");
    }
    return new FieldPartitioner(names);
  }

  private static long durationMs(AbstractConfig config) {
    long duration = config.getLong(PARTITION_DURATION_MS_CONFIG);
    if (duration <= 0) {
      throw new ConfigException(
          PARTITION_DURATION_MS_CONFIG,
          duration,
          "partitioner.class=time needs a positive partition duration, e.g. 3600000 for hours");
    }
    return duration;
  }

  private static Partitioner time(AbstractConfig config, String pathFormat, long durationMs) {
    String zoneId = config.getString(TIMEZONE_CONFIG).trim();
    if (zoneId.isEmpty()) {
      throw new ConfigException(
          TIMEZONE_CONFIG,
          zoneId,
          "Timezone cannot be empty for a time-based partitioner; set e.g. UTC or Europe/Paris");
    }
    ZoneId zone = zone(zoneId);
    Locale locale = locale(config.getString(LOCALE_CONFIG));
    TimestampExtractor extractor =
        TimestampExtractors.named(
            config.getString(TIMESTAMP_EXTRACTOR_CONFIG),
            config.getString(TIMESTAMP_FIELD_CONFIG),
            zone);
    return new TimeBasedPartitioner(
        PathFormat.parse(pathFormat, zone, locale), durationMs, zone, extractor);
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id.trim());
    } catch (DateTimeException e) {
      throw new ConfigException(
          TIMEZONE_CONFIG, id, "not a time zone id (" + e.getMessage() + "); e.g. UTC");
    }
  }

  private static Locale locale(String tag) {
    String trimmed = tag.trim();
    return trimmed.isEmpty() ? Locale.ROOT : Locale.forLanguageTag(trimmed.replace('_', '-'));
  }
}
