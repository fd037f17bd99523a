package io.tributary.bench;

import java.util.Optional;

/**
 * The offsets in the name of a file the HDFS sink committed: {@code <topic>+<partition>+<first
 * offset>+<last offset><extension>} (docs/hdfs-sink.md, "Layout").
 *
 * @param partition the Kafka partition
 * @param first the offset of the file's first record
 * @param last the offset of the file's last record
 */
record CommittedFileName(int partition, long first, long last) {
  CommittedFileName {
    if (partition < 0 || first < 0 || last < first) {
      throw new IllegalArgumentException(
          "partition and offsets must be >= 0 and first <= last, got "
              + partition
              + ", "
              + first
              + ", "
              + last);
    }
  }

  /** Records the file holds when the partition's offsets between first and last are all its. */
  long records() {
    return last - first + 1;
  }

  /**
   * The offsets in {@code fileName} if it is a committed file of {@code topic}; empty for anything
   * else (temporary files, Hadoop's {@code .crc} side files, other topics).
   */
  static Optional<CommittedFileName> parse(String topic, String fileName) {
    String prefix = topic + "+";
    if (!fileName.startsWith(prefix)) {
      return Optional.empty();
    }
    String[] parts = fileName.substring(prefix.length()).split("\\+", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    int digits = 0;
    while (digits < parts[2].length() && Character.isDigit(parts[2].charAt(digits))) {
      digits++;
    }
    if (digits == 0
        || digits == parts[2].length()
        || parts[2].charAt(digits) != '.'
        || !parts[0].chars().allMatch(Character::isDigit)
        || !parts[1].chars().allMatch(Character::isDigit)
        || parts[0].isEmpty()
        || parts[1].isEmpty()) {
      return Optional.empty();
    }
    try {
      long first = Long.parseLong(parts[1]);
      long last = Long.parseLong(parts[2].substring(0, digits));
      if (last < first) {
        return Optional.empty();
      }
      return Optional.of(new CommittedFileName(Integer.parseInt(parts[0]), first, last));
    } catch (NumberFormatException tooLong) {
      return Optional.empty();
    }
  }
}
