package io.tributary.broker.internal.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The sparse offset index of one segment ({@code <baseOffset>.index}): maps an offset to the file
 * position of a batch at or before it, so reads start near their batch instead of scanning the
 * segment from its first byte.
 *
 * <p>Byte layout: 8-byte entries, big-endian, back to back, no header: {@code int32 relativeOffset}
 * (the batch's base offset minus the segment's base offset) and {@code int32 position} (where the
 * batch starts in the {@code .log} file). Both strictly increase from entry to entry. The segment
 * writes an entry for its first batch and then whenever index.interval.bytes of batches were
 * appended since the last entry.
 *
 * <p>See {@link IndexFile} for crash behaviour and threading.
 */
final class OffsetIndex extends IndexFile {
  static final int ENTRY_SIZE = 8;

  OffsetIndex(Path path, long baseOffset, int maxIndexBytes) throws IOException {
    super(path, baseOffset, ENTRY_SIZE, maxIndexBytes);
  }

  /** Appends an entry; offsets and positions must increase. */
  void append(long offset, int position) throws IOException {
    int n = entries();
    if (n > 0 && (offset <= offsetAt(n - 1) || position <= positionAt(n - 1))) {
      throw new IllegalArgumentException(
          "Index entry ("
              + offset
              + ", "
              + position
              + ") does not follow the last one in "
              + path());
    }
    appendEntry(newEntry().putInt(0, relativeOffset(offset, "index")).putInt(4, position));
  }

  long offsetAt(int n) {
    return baseOffset() + buffer().getInt(slot(n));
  }

  int positionAt(int n) {
    return buffer().getInt(slot(n) + 4);
  }

  /**
   * The position of the last indexed batch whose base offset is at or before {@code offset}, or 0
   * (the segment's start) when there is none.
   */
  int lookup(long offset) {
    int n = floorSlot(offset);
    return n < 0 ? 0 : positionAt(n);
  }

  /** The entry number of the largest offset at or below {@code offset}, or -1. */
  int floorSlot(long offset) {
    return lastEntryWhere(n -> offsetAt(n) <= offset);
  }

  /**
   * Checks that the entries are plausible for a log file of {@code logSize} bytes.
   *
   * @return null when they are, else what is wrong
   */
  String sanityProblem(int logSize) {
    if (openedWithTornTail()) {
      return "the offset index length is not a multiple of " + ENTRY_SIZE;
    }
    int n = entries();
    if (n == 0) {
      return logSize > 0 ? "the offset index is missing or empty but the segment is not" : null;
    }
    if (positionAt(0) != 0 || offsetAt(0) < baseOffset()) {
      return "the offset index's first entry does not point at the segment's first batch";
    }
    for (int i = 1; i < n; i++) {
      if (offsetAt(i) <= offsetAt(i - 1) || positionAt(i) <= positionAt(i - 1)) {
        return "offset index entry " + i + " does not follow entry " + (i - 1);
      }
    }
    if (positionAt(n - 1) >= logSize) {
      return "the offset index's last entry points past the end of the log (" + logSize + " bytes)";
    }
    return null;
  }
}
