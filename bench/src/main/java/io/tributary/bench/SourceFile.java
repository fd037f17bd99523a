package io.tributary.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's input: {@code lines} ASCII lines of {@code lineBytes} bytes each, every line
 * unique and derived from its index alone, so the sink file can be checked line by line without
 * keeping the source in memory.
 *
 * <p>Line {@code i} is its index as ten zero-padded digits, a space, then letters and digits from a
 * pseudo-random sequence seeded by {@code i}. The {@linkplain #checksum(String) checksum} of a file
 * is the sum of the 64-bit FNV-1a hashes of its lines, so it does not depend on their order (a
 * topic with several partitions may reorder them).
 */
final class SourceFile {
  /** Ten digits and a space, plus at least one filler character. */
  static final int MIN_LINE_BYTES = 12;

  private static final int INDEX_DIGITS = 10;
  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final long lines;
  private final int lineBytes;

  SourceFile(long lines, int lineBytes) {
    if (lines < 1 || lines > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "lines must be in [1, " + Integer.MAX_VALUE + "], got " + lines);
    }
    if (lineBytes < MIN_LINE_BYTES) {
      throw new IllegalArgumentException(
          "lineBytes must be at least " + MIN_LINE_BYTES + ", got " + lineBytes);
    }
    this.lines = lines;
    this.lineBytes = lineBytes;
  }

  long lines() {
    return lines;
  }

  int lineBytes() {
    return lineBytes;
  }

  /** The size of the whole file, every line with its newline. */
  long bytes() {
    return lines * (lineBytes + 1L);
  }

  /** Line {@code index} (0-based), without its newline. */
  String line(long index) {
    StringBuilder line = new StringBuilder(lineBytes);
    String digits = Long.toString(index);
    line.append("0".repeat(INDEX_DIGITS - digits.length())).append(digits).append(' ');
    long state = index;
    while (line.length() < lineBytes) {
      state = splitMix64(state);
      long bits = state;
      for (int i = 0; i < 10 && line.length() < lineBytes; i++) {
        line.append(ALPHABET.charAt((int) ((bits & 0x3F) % ALPHABET.length())));
        bits >>>= 6;
      }
    }
    return line.toString();
  }

  /**
   * The index a line claims to be (its first ten digits), or -1 when it does not start with ten
   * digits and a space.
   */
  static long indexOf(String line) {
    if (line.length() < INDEX_DIGITS + 1 || line.charAt(INDEX_DIGITS) != ' ') {
      return -1;
    }
    long index = 0;
    for (int i = 0; i < INDEX_DIGITS; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      index = index * 10 + (c - '0');
    }
    return index;
  }

  /** Writes every line, each followed by '\n', and returns the file's checksum. */
  long write(Path file) {
    long checksum = 0;
    try (Writer out =
        new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII), 1 << 20)) {
      for (long i = 0; i < lines; i++) {
        String line = line(i);
        checksum += checksum(line);
        out.write(line);
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the source file " + file, e);
    }
    return checksum;
  }

  /** 64-bit FNV-1a of the line's characters (ASCII, so one byte each). */
  static long checksum(String line) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < line.length(); i++) {
      hash ^= line.charAt(i) & 0xFF;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  private static long splitMix64(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
