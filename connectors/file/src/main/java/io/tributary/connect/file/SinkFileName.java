package io.tributary.connect.file;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * The name of a completed sink file: {@code <topic>+<partition>+<first>+<last>.<extension>}, the
 * offsets zero-padded to 20 digits so that names sort by offset. '+' cannot occur in a topic name,
 * so the name parses back unambiguously.
 *
 * @param extension everything after the last offset's dot, e.g. {@code json} or {@code csv.gz}
 */
record SinkFileName(TopicPartition partition, long firstOffset, long lastOffset, String extension) {
  private static final String SEPARATOR = "+";

  SinkFileName {
    requireNonNull(partition, "partition is null");
    requireNonNull(extension, "extension is null");
    if (firstOffset < 0 || lastOffset < firstOffset) {
      throw new IllegalArgumentException(
          "invalid offsets " + firstOffset + ".." + lastOffset + " for " + partition);
    }
  }

  String fileName() {
    return prefix(partition)
        + String.format("%020d", firstOffset)
        + SEPARATOR
        + String.format("%020d", lastOffset)
        + "."
        + extension;
  }

  /** The start of the names of every file of {@code partition}, completed or temporary. */
  static String prefix(TopicPartition partition) {
    return partition.topic() + SEPARATOR + partition.partition() + SEPARATOR;
  }

  /** Parses a completed file's name; empty for any other name. */
  static Optional<SinkFileName> parse(String fileName) {
    int dot = fileName.indexOf('.', fileName.lastIndexOf(SEPARATOR) + 1);
    if (dot < 0) {
      return Optional.empty();
    }
    String[] parts = fileName.substring(0, dot).split("\\+", -1);
    if (parts.length != 4 || parts[0].isEmpty() || dot == fileName.length() - 1) {
      return Optional.empty();
    }
    try {
      int partition = Integer.parseInt(parts[1]);
      long first = Long.parseLong(parts[2]);
      long last = Long.parseLong(parts[3]);
      if (partition < 0 || first < 0 || last < first) {
        return Optional.empty();
      }
      return Optional.of(
          new SinkFileName(
              new TopicPartition(parts[0], partition), first, last, fileName.substring(dot + 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
