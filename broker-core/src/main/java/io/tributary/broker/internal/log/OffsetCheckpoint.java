package io.tributary.broker.internal.log;

import io.tributary.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file holding one offset as decimal text followed by a newline (e.g. a partition's log start
 * offset). Written with {@link AtomicFiles}, so after a crash it holds the old or the new value,
 * never a mix. A file that cannot be parsed is an error (it was not written by us), reported with
 * its path.
 */
final class OffsetCheckpoint {
  private OffsetCheckpoint() {}

  /** The stored offset, or {@code absent} when the file does not exist. */
  static long read(Path file, long absent) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      return absent;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException(
          "The checkpoint file " + file + " holds '" + text + "', not an offset; remove it", e);
    }
  }

  static void write(Path file, long offset) throws IOException {
    AtomicFiles.write(file, (offset + "\n").getBytes(StandardCharsets.US_ASCII));
  }
}
