package io.tributary.broker.internal.log;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/** Topic-level config overrides (Kafka's names) applied over the broker's log defaults. */
public final class TopicConfigs {
  public static final String SEGMENT_BYTES = "segment.bytes";
  public static final String SEGMENT_MS = "segment.ms";
  public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
  public static final String FLUSH_MESSAGES = "flush.messages";
  public static final String FLUSH_MS = "flush.ms";

  private static final Set<String> KNOWN =
      Set.of(SEGMENT_BYTES, SEGMENT_MS, MAX_MESSAGE_BYTES, FLUSH_MESSAGES, FLUSH_MS);

  private TopicConfigs() {}

  /**
   * The log settings for a topic.
   *
   * @throws ConfigException naming the key, value and reason for an unknown key or bad value
   */
  public static LogConfig resolve(LogConfig defaults, Map<String, String> overrides) {
    for (String key : overrides.keySet()) {
      if (!KNOWN.contains(key)) {
        throw new ConfigException(
            key, overrides.get(key), "unknown topic configuration; known: " + KNOWN);
      }
    }
    return new LogConfig(
        (int) longValue(overrides, SEGMENT_BYTES, defaults.segmentBytes(), 14, Integer.MAX_VALUE),
        longValue(overrides, SEGMENT_MS, defaults.segmentMs(), 1, Long.MAX_VALUE),
        (int)
            longValue(
                overrides, MAX_MESSAGE_BYTES, defaults.maxMessageBytes(), 0, Integer.MAX_VALUE),
        longValue(overrides, FLUSH_MESSAGES, defaults.flushMessages(), 1, Long.MAX_VALUE),
        longValue(overrides, FLUSH_MS, defaults.flushMs(), 0, Long.MAX_VALUE));
  }

  private static long longValue(
      Map<String, String> overrides, String key, long fallback, long min, long max) {
    String value = overrides.get(key);
    if (value == null) {
      return fallback;
    }
    long parsed;
    try {
      parsed = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "not a number");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(key, value, "must be between " + min + " and " + max);
    }
    return parsed;
  }
}
