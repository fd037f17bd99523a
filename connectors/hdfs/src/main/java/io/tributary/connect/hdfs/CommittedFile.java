package io.tributary.connect.hdfs;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * The name of a committed file, {@code <topic>+<partition>+<first offset>+<last offset><ext>} with
 * both offsets zero-padded to {@code filename.offset.zero.pad.width} digits: the name alone tells
 * recovery which records the file holds.
 */
record CommittedFile(
    TopicPartition partition, long firstOffset, long lastOffset, String extension) {
  private static final Pattern NAME =
      Pattern.compile(
          "(?<topic>[a-zA-Z0-9._-]+)\\+(?<partition>\\d+)\\+(?<first>\\d+)\\+(?<last>\\d+)(?<ext>\\..*)?");

  CommittedFile {
    requireNonNull(partition, "partition is null");
    requireNonNull(extension, "extension is null");
    if (firstOffset < 0 || lastOffset < firstOffset) {
      throw new IllegalArgumentException(
          "offsets " + firstOffset + ".." + lastOffset + " of " + partition + " are not a range");
    }
  }

  /** The file name, offsets padded with zeros to {@code padWidth} digits. */
  String fileName(int padWidth) {
    return partition.topic()
        + '+'
        + partition.partition()
        + '+'
        + pad(firstOffset, padWidth)
        + '+'
        + pad(lastOffset, padWidth)
        + extension;
  }

  private static String pad(long offset, int width) {
    String digits = Long.toString(offset);
    if (digits.length() >= width) {
      return digits;
    }
    return "0".repeat(width - digits.length()) + digits;
  }

  /** The committed file {@code fileName} names, if it is one (any extension). */
  static Optional<CommittedFile> parse(String fileName) {
    Matcher matcher = NAME.matcher(fileName);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      long first = Long.parseLong(matcher.group("first"));
      long last = Long.parseLong(matcher.group("last"));
      if (last < first) {
        return Optional.empty();
      }
      String ext = matcher.group("ext");
      return Optional.of(
          new CommittedFile(
              new TopicPartition(
                  matcher.group("topic"), Integer.parseInt(matcher.group("partition"))),
              first,
              last,
              ext == null ? "" : ext));
    } catch (NumberFormatException e) {
      return Optional.empty(); // digits beyond long: not a name this sink writes
    }
  }
}
