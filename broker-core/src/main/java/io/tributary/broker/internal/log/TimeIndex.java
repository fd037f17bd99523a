package io.tributary.broker.internal.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The sparse time index of one segment ({@code <baseOffset>.timeindex}): tells where to start
 * looking for the first record at or after a timestamp.
 *
 * <p>Byte layout: 12-byte entries, big-endian, back to back, no header: {@code int64 timestamp} and
 * {@code int32 relativeOffset}. An entry (t, o) says: the largest timestamp of any batch up to and
 * including the batch holding offset o is t. Timestamps strictly increase from entry to entry.
 * Entries are written alongside offset index entries, and once more when the segment stops being
 * the active one (or is closed), so the last entry holds the segment's largest timestamp.
 *
 * <p>Lookup for a target t returns the last entry whose timestamp is strictly below t: every record
 * up to that entry's batch is older than t, so the search may start there.
 *
 * <p>See {@link IndexFile} for crash behaviour and threading.
 */
final class TimeIndex extends IndexFile {
  static final int ENTRY_SIZE = 12;

  TimeIndex(Path path, long baseOffset, int maxIndexBytes) throws IOException {
    super(path, baseOffset, ENTRY_SIZE, maxIndexBytes);
  }

  /** Appends (timestamp, offset) when the timestamp is larger than the last entry's; else no-op. */
  void maybeAppend(long timestamp, long offset) throws IOException {
    int n = entries();
    if (n > 0 && timestamp <= timestampAt(n - 1)) {
      return;
    }
    if (n > 0 && offset < offsetAt(n - 1)) {
      throw new IllegalArgumentException(
          "Time index entry (" + timestamp + ", " + offset + ") goes back in " + path());
    }
    appendEntry(newEntry().putLong(0, timestamp).putInt(8, relativeOffset(offset, "time index")));
  }

  long timestampAt(int n) {
    return buffer().getLong(slot(n));
  }

  long offsetAt(int n) {
    return baseOffset() + buffer().getInt(slot(n) + 8);
  }

  /** The largest timestamp indexed, or -1 when empty. */
  long lastTimestamp() {
    int n = entries();
    return n == 0 ? -1 : timestampAt(n - 1);
  }

  /** The offset of the last entry, or -1 when empty. */
  long lastOffset() {
    int n = entries();
    return n == 0 ? -1 : offsetAt(n - 1);
  }

  /** The entry number of the last timestamp strictly below {@code timestamp}, or -1. */
  int lowerSlot(long timestamp) {
    return lastEntryWhere(n -> timestampAt(n) < timestamp);
  }

  /**
   * The offset from which to search for the first record at or after {@code timestamp}: that of the
   * last entry below it, or the segment's base offset when there is none.
   */
  long lookup(long timestamp) {
    int n = lowerSlot(timestamp);
    return n < 0 ? baseOffset() : offsetAt(n);
  }

  /**
   * Checks that the entries are plausible.
   *
   * @return null when they are, else what is wrong
   */
  String sanityProblem() {
    if (openedWithTornTail()) {
      return "the time index length is not a multiple of " + ENTRY_SIZE;
    }
    for (int i = 0; i < entries(); i++) {
      if (offsetAt(i) < baseOffset()) {
        return "time index entry " + i + " points below the segment's base offset";
      }
      if (i > 0 && (timestampAt(i) <= timestampAt(i - 1) || offsetAt(i) < offsetAt(i - 1))) {
        return "time index entry " + i + " does not follow entry " + (i - 1);
      }
    }
    return null;
  }
}
