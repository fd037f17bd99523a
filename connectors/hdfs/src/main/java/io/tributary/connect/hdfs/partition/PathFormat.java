package io.tributary.connect.hdfs.partition;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigException;

/**
 * A {@code path.format}: a Joda-Time style date pattern, as Confluent's connectors take it, such as
 * {@code 'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH}. Text in single quotes is literal ({@code ''}
 * is a quote); other non-letters are literal; letters are date fields with Joda's meaning. Joda's
 * {@code Y} (year of era) and {@code y} (year) differ from {@link DateTimeFormatter}'s (where
 * {@code Y} is the week-based year), so the pattern is translated, not passed through. Supported
 * letters: G Y y M d D E a H h K k m s S; others are rejected. Immutable and thread-safe.
 */
final class PathFormat {
  private static final String SUPPORTED = "GYyMdDEaHhKkmsS";
  private static final String RESERVED = "[]{}#";

  private final String pattern;
  private final DateTimeFormatter formatter;

  private PathFormat(String pattern, DateTimeFormatter formatter) {
    this.pattern = pattern;
    this.formatter = formatter;
  }

  /**
   * Parses {@code pattern} for formatting in {@code zone} with {@code locale}.
   *
   * @throws ConfigException naming {@code path.format} when the pattern is empty or invalid
   */
  static PathFormat parse(String pattern, ZoneId zone, Locale locale) {
    String trimmed = pattern.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    if (trimmed.isEmpty()) {
      throw new ConfigException(
          TimeBasedPartitioner.PATH_FORMAT_CONFIG,
          pattern,
          "Path format cannot be empty; e.g. 'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH");
    }
    String translated = translate(pattern, trimmed);
    try {
      return new PathFormat(
          trimmed, DateTimeFormatter.ofPattern(translated, locale).withZone(zone));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          TimeBasedPartitioner.PATH_FORMAT_CONFIG, pattern, "invalid pattern: " + e.getMessage());
    }
  }

  private static String translate(String original, String joda) {
    StringBuilder out = new StringBuilder(joda.length() + 8);
    boolean quoted = false;
    for (int i = 0; i < joda.length(); i++) {
      char c = joda.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
        out.append(c);
      } else if (quoted) {
        out.append(c);
      } else if (Character.isLetter(c)) {
        if (SUPPORTED.indexOf(c) < 0) {
          throw new ConfigException(
              TimeBasedPartitioner.PATH_FORMAT_CONFIG,
              original,
              "pattern letter '"
                  + c
                  + "' is not supported here (supported: "
                  + SUPPORTED
                  + "); quote literal text, e.g. 'year'=YYYY");
        }
        out.append(c == 'Y' ? 'y' : c == 'y' ? 'u' : c);
      } else if (RESERVED.indexOf(c) >= 0) {
        out.append('\'').append(c).append('\'');
      } else {
        out.append(c);
      }
    }
    if (quoted) {
      throw new ConfigException(
          TimeBasedPartitioner.PATH_FORMAT_CONFIG, original, "has an unterminated quote");
    }
    return out.toString();
  }

  /** The directory path of the time {@code bucketStart}. */
  String format(Instant bucketStart) {
    return formatter.format(bucketStart);
  }

  @Override
  public String toString() {
    return pattern;
  }
}
