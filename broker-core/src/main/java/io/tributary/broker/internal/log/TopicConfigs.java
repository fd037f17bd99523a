package io.tributary.broker.internal.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidList;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.record.TimestampType;

/**
 * Topic-level configs under Apache Kafka's names, each with the broker config that supplies its
 * default ({@code retention.ms} <- {@code log.retention.ms}, ...).
 *
 * <p>Only configs broker-core implements are known; any other key is rejected with a message naming
 * it, so a setting never silently does nothing. Stateless and thread-safe.
 */
public final class TopicConfigs {
  public static final String CLEANUP_POLICY = "cleanup.policy";
  public static final String RETENTION_MS = "retention.ms";
  public static final String RETENTION_BYTES = "retention.bytes";
  public static final String SEGMENT_BYTES = "segment.bytes";
  public static final String SEGMENT_MS = "segment.ms";
  public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
  public static final String FLUSH_MESSAGES = "flush.messages";
  public static final String FLUSH_MS = "flush.ms";
  public static final String DELETE_RETENTION_MS = "delete.retention.ms";
  public static final String MIN_COMPACTION_LAG_MS = "min.compaction.lag.ms";
  public static final String MAX_COMPACTION_LAG_MS = "max.compaction.lag.ms";
  public static final String MIN_CLEANABLE_DIRTY_RATIO = "min.cleanable.dirty.ratio";
  public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
  public static final String MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
  public static final String MESSAGE_TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";
  public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
  public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
  public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
  public static final String COMPRESSION_TYPE = "compression.type";

  /** One topic config: its definition and the broker config holding its default. */
  public record Key(String name, String brokerName, Type type, Object kafkaDefault, String doc) {}

  private static final List<Key> KEYS = new ArrayList<>();
  private static final ConfigDef DEFINITION = new ConfigDef();

  static {
    key(
        CLEANUP_POLICY,
        "log.cleanup.policy",
        Type.LIST,
        "delete",
        ValidList.in(LogConfig.CLEANUP_DELETE, LogConfig.CLEANUP_COMPACT),
        "delete: drop old segments by retention.ms / retention.bytes; compact: keep the latest"
            + " record per key; both: do both.");
    key(
        RETENTION_MS,
        "log.retention.ms",
        Type.LONG,
        7L * 24 * 60 * 60 * 1000,
        Range.atLeast(-1),
        "Delete whole segments whose newest record is older than this; -1 keeps data forever.");
    key(
        RETENTION_BYTES,
        "log.retention.bytes",
        Type.LONG,
        -1L,
        Range.atLeast(-1),
        "Delete the oldest segments while a partition is larger than this; -1 means no limit.");
    key(
        SEGMENT_BYTES,
        "log.segment.bytes",
        Type.INT,
        1024 * 1024 * 1024,
        Range.atLeast(14),
        "Roll to a new segment file when the active one would exceed this size.");
    key(
        SEGMENT_MS,
        "log.roll.ms",
        Type.LONG,
        7L * 24 * 60 * 60 * 1000,
        Range.atLeast(1),
        "Roll to a new segment file when the active one is older than this.");
    key(
        MAX_MESSAGE_BYTES,
        "message.max.bytes",
        Type.INT,
        1024 * 1024 + 12,
        Range.atLeast(0),
        "The largest record batch accepted.");
    key(
        FLUSH_MESSAGES,
        "log.flush.interval.messages",
        Type.LONG,
        Long.MAX_VALUE,
        Range.atLeast(1),
        "Fsync after this many messages; 1 fsyncs every write before it is acknowledged.");
    key(
        FLUSH_MS,
        "log.flush.interval.ms",
        Type.LONG,
        Long.MAX_VALUE,
        Range.atLeast(0),
        "Fsync when the oldest unflushed message is older than this.");
    key(
        DELETE_RETENTION_MS,
        "log.cleaner.delete.retention.ms",
        Type.LONG,
        24L * 60 * 60 * 1000,
        Range.atLeast(0),
        "How long compaction keeps tombstones (records with a null value).");
    key(
        MIN_COMPACTION_LAG_MS,
        "log.cleaner.min.compaction.lag.ms",
        Type.LONG,
        0L,
        Range.atLeast(0),
        "Records younger than this are never compacted.");
    key(
        MAX_COMPACTION_LAG_MS,
        "log.cleaner.max.compaction.lag.ms",
        Type.LONG,
        Long.MAX_VALUE,
        Range.atLeast(1),
        "Records older than this are compacted even below the dirty ratio.");
    key(
        MIN_CLEANABLE_DIRTY_RATIO,
        "log.cleaner.min.cleanable.ratio",
        Type.DOUBLE,
        0.5,
        Range.between(0, 1),
        "Compact when at least this share of the log is not yet compacted.");
    key(
        MESSAGE_TIMESTAMP_TYPE,
        "log.message.timestamp.type",
        Type.STRING,
        "CreateTime",
        ValidString.in("CreateTime", "LogAppendTime"),
        "CreateTime keeps the producer's timestamps; LogAppendTime stamps the broker's time.");
    key(
        MESSAGE_TIMESTAMP_BEFORE_MAX_MS,
        "log.message.timestamp.before.max.ms",
        Type.LONG,
        Long.MAX_VALUE,
        Range.atLeast(0),
        "Reject CreateTime records whose timestamp is further in the past than this.");
    key(
        MESSAGE_TIMESTAMP_AFTER_MAX_MS,
        "log.message.timestamp.after.max.ms",
        Type.LONG,
        Long.MAX_VALUE,
        Range.atLeast(0),
        "Reject CreateTime records whose timestamp is further in the future than this.");
    key(
        INDEX_INTERVAL_BYTES,
        "log.index.interval.bytes",
        Type.INT,
        4096,
        Range.atLeast(0),
        "Bytes of records between two entries of the sparse offset and time indexes.");
    key(
        SEGMENT_INDEX_BYTES,
        "log.index.size.max.bytes",
        Type.INT,
        10 * 1024 * 1024,
        Range.atLeast(4),
        "The largest size of a segment's index files; a full index rolls.");
    key(
        MIN_INSYNC_REPLICAS,
        "min.insync.replicas",
        Type.INT,
        1,
        Range.atLeast(1),
        "acks=all produces fail with NOT_ENOUGH_REPLICAS when fewer replicas are in sync; this"
            + " broker has exactly one.");
    key(
        COMPRESSION_TYPE,
        "compression.type",
        Type.STRING,
        "producer",
        ValidString.in("producer"),
        "broker-core stores batches exactly as producers compressed them; only 'producer' is"
            + " supported.");
  }

  private static void key(
      String name,
      String brokerName,
      Type type,
      Object kafkaDefault,
      ConfigDef.Validator validator,
      String doc) {
    KEYS.add(new Key(name, brokerName, type, kafkaDefault, doc));
    DEFINITION.define(name, type, kafkaDefault, validator, Importance.MEDIUM, doc);
  }

  private TopicConfigs() {}

  /** Every topic config, in a stable order. */
  public static List<Key> keys() {
    return List.copyOf(KEYS);
  }

  /** The topic configs as a ConfigDef (names, types, defaults, validators, docs). */
  public static ConfigDef definition() {
    return DEFINITION;
  }

  public static Set<String> names() {
    return new TreeSet<>(DEFINITION.names());
  }

  /** Kafka's own default for each topic config, keyed by topic config name. */
  public static Map<String, Object> kafkaDefaults() {
    Map<String, Object> defaults = new LinkedHashMap<>();
    for (Key key : KEYS) {
      defaults.put(key.name(), key.kafkaDefault());
    }
    return defaults;
  }

  /**
   * Checks topic overrides without resolving them.
   *
   * @throws ConfigException naming the key, the value and the reason
   */
  public static void validate(Map<String, String> overrides) {
    resolve(kafkaDefaults(), overrides);
  }

  /**
   * The log settings for a topic.
   *
   * @param defaults the broker's default for each topic config, keyed by topic config name
   * @param overrides the topic's own settings
   * @throws ConfigException naming the key, value and reason for an unknown key or bad value
   */
  public static LogConfig resolve(Map<String, Object> defaults, Map<String, String> overrides) {
    for (Map.Entry<String, String> entry : overrides.entrySet()) {
      if (!DEFINITION.names().contains(entry.getKey())) {
        throw new ConfigException(
            entry.getKey(),
            entry.getValue(),
            "unknown or unsupported topic configuration; broker-core supports " + names());
      }
    }
    Map<String, Object> merged = new HashMap<>(defaults);
    merged.putAll(overrides);
    Map<String, Object> v = DEFINITION.parse(merged);
    @SuppressWarnings("unchecked")
    List<String> policy = (List<String>) v.get(CLEANUP_POLICY);
    if (policy.isEmpty()) {
      throw new ConfigException(
          CLEANUP_POLICY, overrides.get(CLEANUP_POLICY), "give delete, compact or both");
    }
    return new LogConfig(
        Set.copyOf(policy),
        (Long) v.get(RETENTION_MS),
        (Long) v.get(RETENTION_BYTES),
        (Integer) v.get(SEGMENT_BYTES),
        (Long) v.get(SEGMENT_MS),
        (Integer) v.get(MAX_MESSAGE_BYTES),
        (Long) v.get(FLUSH_MESSAGES),
        (Long) v.get(FLUSH_MS),
        (Long) v.get(DELETE_RETENTION_MS),
        (Long) v.get(MIN_COMPACTION_LAG_MS),
        (Long) v.get(MAX_COMPACTION_LAG_MS),
        (Double) v.get(MIN_CLEANABLE_DIRTY_RATIO),
        "LogAppendTime".equals(v.get(MESSAGE_TIMESTAMP_TYPE))
            ? TimestampType.LOG_APPEND_TIME
            : TimestampType.CREATE_TIME,
        (Long) v.get(MESSAGE_TIMESTAMP_BEFORE_MAX_MS),
        (Long) v.get(MESSAGE_TIMESTAMP_AFTER_MAX_MS),
        (Integer) v.get(INDEX_INTERVAL_BYTES),
        (Integer) v.get(SEGMENT_INDEX_BYTES),
        (Integer) v.get(MIN_INSYNC_REPLICAS));
  }
}
