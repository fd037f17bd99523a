package io.tributary.broker.internal.log;

/**
 * The settings one partition log runs with (broker defaults overridden by topic configs).
 *
 * @param segmentBytes roll to a new segment when the active one would exceed this size
 * @param segmentMs roll to a new segment when the active one is older than this
 * @param maxMessageBytes the largest record batch accepted
 * @param flushMessages fsync after this many messages (1 = every write)
 * @param flushMs fsync when the oldest unflushed message is older than this
 */
public record LogConfig(
    int segmentBytes, long segmentMs, int maxMessageBytes, long flushMessages, long flushMs) {

  public static final LogConfig DEFAULT =
      new LogConfig(
          1024 * 1024 * 1024,
          7L * 24 * 3600 * 1000,
          1024 * 1024 + 12,
          Long.MAX_VALUE,
          Long.MAX_VALUE);
}
