package io.tributary.connect.hdfs.partition;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * {@code partitioner.class=time} (also {@code hourly}, {@code daily}): the record's time (from the
 * {@link TimestampExtractor}) is rounded down to a multiple of {@code partition.duration.ms} in the
 * local time of {@code timezone}, and the start of that bucket is formatted by {@code path.format},
 * e.g. {@code year=2026/month=11/day=22/hour=10}: the layout of Confluent's TimeBasedPartitioner.
 * Immutable and thread-safe.
 */
public final class TimeBasedPartitioner implements Partitioner {
  public static final String PATH_FORMAT_CONFIG = "path.format";
  public static final String PARTITION_DURATION_MS_CONFIG = "partition.duration.ms";
  public static final String LOCALE_CONFIG = "locale";
  public static final String TIMEZONE_CONFIG = "timezone";
  public static final String TIMESTAMP_EXTRACTOR_CONFIG = "timestamp.extractor";
  public static final String TIMESTAMP_FIELD_CONFIG = "timestamp.field";

  /** Confluent's HourlyPartitioner layout. */
  static final String HOURLY_PATH_FORMAT = "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH";

  /** Confluent's DailyPartitioner layout. */
  static final String DAILY_PATH_FORMAT = "'year'=YYYY/'month'=MM/'day'=dd";

  private final PathFormat pathFormat;
  private final long durationMs;
  private final ZoneId zone;
  private final TimestampExtractor extractor;

  TimeBasedPartitioner(
      PathFormat pathFormat, long durationMs, ZoneId zone, TimestampExtractor extractor) {
    if (durationMs <= 0) {
      throw new IllegalArgumentException("durationMs must be positive: " + durationMs);
    }
    this.pathFormat = requireNonNull(pathFormat, "pathFormat is null");
    this.durationMs = durationMs;
    this.zone = requireNonNull(zone, "zone is null");
    this.extractor = requireNonNull(extractor, "extractor is null");
  }

  @Override
  public String encodePartition(SinkRecord record, long nowMs) {
    long timestamp = extractor.extract(record, nowMs);
    return pathFormat.format(bucketStart(timestamp));
  }

  /**
   * The {@code timestamp.extractor} this partitioner uses: Confluent's HDFS connector measures
   * {@code rotate.interval.ms} with it when the partitioner is time-based.
   */
  public TimestampExtractor timestampExtractor() {
    return extractor;
  }

  /** The {@code partition.duration.ms} in effect (fixed for hourly and daily). */
  public long partitionDurationMs() {
    return durationMs;
  }

  /** The start of the bucket holding {@code timestamp}, buckets aligned in local time. */
  Instant bucketStart(long timestamp) {
    Instant instant = Instant.ofEpochMilli(timestamp);
    long offsetMs = zone.getRules().getOffset(instant).getTotalSeconds() * 1000L;
    long local = timestamp + offsetMs;
    long localStart = Math.floorDiv(local, durationMs) * durationMs;
    LocalDateTime start =
        LocalDateTime.ofEpochSecond(
            Math.floorDiv(localStart, 1000L),
            (int) Math.floorMod(localStart, 1000L) * 1_000_000,
            ZoneOffset.UTC);
    return start.atZone(zone).toInstant();
  }

  @Override
  public String toString() {
    return "time(" + pathFormat + ", " + durationMs + " ms, " + zone + ")";
  }
}
