package io.tributary.connect.file;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * One open file read as lines through a large heap buffer, from a byte position. The file is read
 * through its open handle, so a file renamed or deleted while open is read to its end. A partial
 * last line stays pending until its newline arrives. Truncation (copytruncate) and content
 * replacement are detected before each read: the size dropping below the bytes read, or the CRC32
 * of the first bytes changing. Then the rest of the rotated copy (a sibling named like the file
 * plus a suffix, with the same first bytes) is read, if there is one, and the file is read again
 * from its start, so no line written before the copy is lost.
 *
 * <p>Memory: one buffer plus the pending partial line. Not thread-safe; owned by one task.
 */
final class TailedFile implements AutoCloseable {

  /** A complete line: its text (without '\n' or a trailing '\r'), byte range and 1-based number. */
  record Line(String text, long start, long end, long number) {
    Line {
      requireNonNull(text, "text is null");
    }
  }

  private final String key;
  private final FileChannel channel;
  private final ByteBuffer buffer;
  private final Charset charset;
  private final int fingerprintBytes;
  private final int maxLineBytes;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private Path path;
  private String pathText;
  private long linePosition;
  private long lineNumber;
  private int fingerprintLength;
  private long fingerprint;
  private long truncations;
  private FileChannel copy;

  private TailedFile(String key, Path path, FileChannel channel, FileSourceConfig config) {
    this.key = requireNonNull(key, "key is null");
    this.path = requireNonNull(path, "path is null");
    this.pathText = path.toString();
    this.channel = requireNonNull(channel, "channel is null");
    this.buffer = ByteBuffer.allocate(config.bufferSize());
    this.buffer.flip();
    this.charset = config.charset();
    this.fingerprintBytes = config.fingerprintBytes();
    this.maxLineBytes = config.maxLineBytes();
  }

  static TailedFile open(String key, Path path, FileSourceConfig config) throws IOException {
    return new TailedFile(key, path, FileChannel.open(path, StandardOpenOption.READ), config);
  }

  String key() {
    return key;
  }

  Path path() {
    return path;
  }

  /** {@link #path()} as text, computed once per path rather than once per line. */
  String pathText() {
    return pathText;
  }

  void path(Path newPath) {
    this.path = requireNonNull(newPath, "newPath is null");
    this.pathText = newPath.toString();
  }

  /** Byte position of the start of the next line (where a restart resumes). */
  long linePosition() {
    return linePosition;
  }

  long lineNumber() {
    return lineNumber;
  }

  /**
   * Resumes at {@code position} (a line start) as line {@code line} + 1, when the file still has
   * the given fingerprint of its first {@code length} bytes. Returns false (and stays at 0) if not.
   */
  boolean resume(long position, long line, long expectedFingerprint, int length)
      throws IOException {
    if (position <= 0 || position > channel.size() || length > channel.size()) {
      return false;
    }
    if (length > 0 && crc(length) != expectedFingerprint) {
      return false;
    }
    channel.position(position);
    linePosition = position;
    lineNumber = line;
    fingerprintLength = length;
    fingerprint = expectedFingerprint;
    return true;
  }

  /** The next complete line, or null when none is complete yet. */
  Line nextLine() throws IOException {
    while (true) {
      if (buffer.hasRemaining()) {
        byte[] bytes = buffer.array();
        int start = buffer.position();
        int limit = buffer.limit();
        int room = maxLineBytes - partial.size();
        // A newline right after max.line.bytes still ends the line normally.
        int scanEnd = (int) Math.min(limit, (long) start + room + 1);
        for (int i = start; i < scanEnd; i++) {
          if (bytes[i] == '\n') {
            buffer.position(i + 1);
            return completeLine(bytes, start, i - start);
          }
        }
        if (scanEnd - start > room) {
          // Too long: the first max.line.bytes become a line of their own.
          buffer.position(start + room);
          return completeLine(bytes, start, room, false);
        }
        partial.write(bytes, start, limit - start);
        buffer.position(limit);
      }
      if (!readMore()) {
        return null;
      }
    }
  }

  /** The pending partial line as a line (for a file that will get no more bytes), or null. */
  Line drainPartial() {
    if (partial.size() == 0) {
      return null;
    }
    return completeLine(new byte[0], 0, 0, false);
  }

  /** CRC32 of the first min(N, position) bytes, N = file.fingerprint.bytes; cached once full. */
  long fingerprintAt(long position) throws IOException {
    int length = (int) Math.min(fingerprintBytes, position);
    if (length != fingerprintLength) {
      fingerprint = crc(length);
      fingerprintLength = length;
    }
    return fingerprint;
  }

  /** How many times the file was found truncated or replaced (and read again from 0). */
  long truncations() {
    return truncations;
  }

  int fingerprintLength() {
    return fingerprintLength;
  }

  /** Reads the first line of the file (e.g. a CSV header) without moving the read position. */
  String firstLine() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer chunk = ByteBuffer.allocate(4096);
    long at = 0;
    while (true) {
      chunk.clear();
      int n = channel.read(chunk, at);
      if (n <= 0) {
        return out.size() == 0 ? null : out.toString(charset);
      }
      for (int i = 0; i < n; i++) {
        if (chunk.get(i) == '\n') {
          out.write(chunk.array(), 0, i);
          return stripCr(out.toString(charset));
        }
      }
      out.write(chunk.array(), 0, n);
      at += n;
    }
  }

  @Override
  public void close() throws IOException {
    if (copy != null) {
      copy.close();
    }
    channel.close();
  }

  private boolean readMore() throws IOException {
    while (true) {
      if (copy == null && truncatedOrReplaced()) {
        copy = findCopy();
        if (copy == null) {
          restartFromZero();
        } else {
          copy.position(channel.position());
        }
      }
      buffer.clear();
      int n = (copy != null ? copy : channel).read(buffer);
      buffer.flip();
      if (n > 0) {
        return true;
      }
      if (copy == null) {
        return false;
      }
      // The rotated copy is read to its end: go on with the truncated file from its start.
      copy.close();
      copy = null;
      restartFromZero();
    }
  }

  /**
   * After copytruncate: the rotated copy (a sibling whose name starts with this file's name, at
   * least as long as what was read, with the same first bytes), positioned nowhere yet; or null.
   */
  private FileChannel findCopy() throws IOException {
    if (fingerprintLength == 0 || path.getParent() == null) {
      return null;
    }
    String name = path.getFileName().toString();
    List<Path> candidates;
    try (Stream<Path> siblings = Files.list(path.getParent())) {
      candidates =
          siblings
              .filter(p -> p.getFileName().toString().startsWith(name) && !p.equals(path))
              .filter(Files::isRegularFile)
              .toList();
    }
    FileChannel best = null;
    long bestModified = Long.MIN_VALUE;
    for (Path candidate : candidates) {
      FileChannel copyChannel;
      try {
        copyChannel = FileChannel.open(candidate, StandardOpenOption.READ);
      } catch (IOException e) {
        continue;
      }
      long modified = Files.getLastModifiedTime(candidate).toMillis();
      if (copyChannel.size() >= channel.position()
          && crc(copyChannel, fingerprintLength) == fingerprint
          && modified > bestModified) {
        if (best != null) {
          best.close();
        }
        best = copyChannel;
        bestModified = modified;
        FileSourceTask.LOGGER.info(
            "File {} was truncated: reading the rest of its copy {} from byte {} first",
            path,
            candidate,
            channel.position());
      } else {
        copyChannel.close();
      }
    }
    return best;
  }

  private boolean truncatedOrReplaced() throws IOException {
    long size = channel.size();
    if (size < channel.position()) {
      return true;
    }
    return fingerprintLength > 0
        && size >= fingerprintLength
        && crc(fingerprintLength) != fingerprint;
  }

  private void restartFromZero() throws IOException {
    if (partial.size() > 0) {
      // The bytes of an unfinished line are in the rotated copy (copytruncate copies first).
      FileSourceTask.LOGGER.warn(
          "File {} was truncated with a partial line of {} bytes at position {}: reading it again"
              + " from the start",
          path,
          partial.size(),
          linePosition);
    } else {
      FileSourceTask.LOGGER.info(
          "File {} was truncated or replaced: reading it from the start", path);
    }
    truncations++;
    partial.reset();
    channel.position(0);
    linePosition = 0;
    lineNumber = 0;
    fingerprintLength = 0;
    fingerprint = 0;
  }

  private Line completeLine(byte[] bytes, int offset, int length) {
    return completeLine(bytes, offset, length, true);
  }

  private Line completeLine(byte[] bytes, int offset, int length, boolean newline) {
    String text;
    int total;
    if (partial.size() == 0) {
      text = new String(bytes, offset, length, charset);
      total = length;
    } else {
      partial.write(bytes, offset, length);
      total = partial.size();
      text = partial.toString(charset);
      partial.reset();
    }
    long start = linePosition;
    linePosition = start + total + (newline ? 1 : 0);
    lineNumber++;
    return new Line(stripCr(text), start, linePosition, lineNumber);
  }

  private static String stripCr(String text) {
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  private long crc(int length) throws IOException {
    return crc(channel, length);
  }

  private static long crc(FileChannel channel, int length) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(length);
    long at = 0;
    while (head.hasRemaining()) {
      int n = channel.read(head, at);
      if (n <= 0) {
        break;
      }
      at += n;
    }
    CRC32 crc = new CRC32();
    crc.update(head.array(), 0, head.position());
    return crc.getValue();
  }
}
