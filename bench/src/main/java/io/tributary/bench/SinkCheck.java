package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Checks that a sink file, or several read one after the other, holds exactly the source file's
 * lines: each once, none altered, none missing, in any order. Lines are read as ISO-8859-1 so every
 * byte counts as one character and nothing is lost to decoding.
 */
final class SinkCheck {
  private SinkCheck() {}

  /**
   * What the sink file held compared with the source.
   *
   * @param lines lines read (a last line without its newline counts)
   * @param duplicates lines that repeat a source line already seen
   * @param malformed lines that are no source line at all
   * @param missing source lines never seen
   * @param checksum the sink file's order-independent checksum
   * @param expectedChecksum the source file's checksum
   */
  record Result(
      long lines,
      long duplicates,
      long malformed,
      long missing,
      long checksum,
      long expectedChecksum) {
    boolean ok() {
      return duplicates == 0 && malformed == 0 && missing == 0 && checksum == expectedChecksum;
    }

    /** One line for the report, e.g. "1,000,000 lines, checksum 0x1234... equal". */
    String summary() {
      if (ok()) {
        return String.format(
            Locale.ROOT, "%,d lines, checksum %016x equal to the source's", lines, checksum);
      }
      return String.format(
          Locale.ROOT,
          "sink differs from source: %,d lines read, %,d missing, %,d duplicated, %,d malformed,"
              + " checksum %016x (source %016x)",
          lines,
          missing,
          duplicates,
          malformed,
          checksum,
          expectedChecksum);
    }
  }

  static Result check(Path sinkFile, SourceFile source, long expectedChecksum) {
    requireNonNull(sinkFile, "sinkFile is null");
    return check(List.of(sinkFile), source, expectedChecksum);
  }

  /**
   * Checks the lines of {@code sinkFiles} read in the given order as one sink; each file is
   * expected to end with a newline (a last line without one counts, as one line).
   */
  static Result check(List<Path> sinkFiles, SourceFile source, long expectedChecksum) {
    requireNonNull(sinkFiles, "sinkFiles is null");
    requireNonNull(source, "source is null");
    BitSet seen = new BitSet((int) source.lines());
    long lines = 0;
    long duplicates = 0;
    long malformed = 0;
    long checksum = 0;
    for (Path sinkFile : sinkFiles) {
      try (BufferedReader in = Files.newBufferedReader(sinkFile, StandardCharsets.ISO_8859_1)) {
        String line;
        while ((line = in.readLine()) != null) {
          lines++;
          checksum += SourceFile.checksum(line);
          long index = SourceFile.indexOf(line);
          if (index < 0 || index >= source.lines() || !line.equals(source.line(index))) {
            malformed++;
          } else if (seen.get((int) index)) {
            duplicates++;
          } else {
            seen.set((int) index);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the sink file " + sinkFile, e);
      }
    }
    long missing = source.lines() - seen.cardinality();
    return new Result(lines, duplicates, malformed, missing, checksum, expectedChecksum);
  }
}
