package io.tributary.connect.file;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One file being written for one topic partition, under a temporary name in the sink's {@code +tmp}
 * directory. {@link #complete} finishes it, forces it to disk, renames it atomically to its final
 * {@link SinkFileName} and forces the directory, so a completed file is either fully there or
 * absent after a crash; {@link #discard} deletes it. Not thread-safe: owned by the task thread.
 *
 * <p>Stream chain: format writer -> [gzip] -> byte counter -> 64 KiB buffer -> file channel.
 */
final class SinkOpenFile {
  private static final int BUFFER_BYTES = 64 * 1024;
  // Small, so that file.max.bytes sees compressed bytes soon after the compressor emits them.
  private static final int GZIP_BUFFER_BYTES = 8 * 1024;

  private final TopicPartition partition;
  private final Path tempPath;
  private final String extension;
  private final long openedAtMs;
  private final FileChannel channel;
  private final CountingOutputStream counting;
  private final GZIPOutputStream gzip;
  private final SinkRecordWriter writer;
  private long firstOffset = -1;
  private long lastOffset = -1;
  private long records;

  private SinkOpenFile(SinkFileSpec spec, TopicPartition partition, Path tempPath, long openedAtMs)
      throws IOException {
    this.partition = partition;
    this.tempPath = tempPath;
    this.extension = spec.extension();
    this.openedAtMs = openedAtMs;
    this.channel =
        FileChannel.open(tempPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    this.counting =
        new CountingOutputStream(
            new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES));
    this.gzip = spec.gzip() ? new GZIPOutputStream(counting, GZIP_BUFFER_BYTES) : null;
    this.writer = spec.format().newWriter(gzip != null ? gzip : counting, spec);
  }

  /** Creates the temporary file for {@code partition}, whose first record is at {@code offset}. */
  static SinkOpenFile create(
      SinkFileSpec spec, Path tempDir, TopicPartition partition, long offset, long nowMs)
      throws IOException {
    String name =
        SinkFileName.prefix(partition)
            + String.format("%020d", offset)
            + "."
            + UUID.randomUUID()
            + ".tmp";
    return new SinkOpenFile(spec, partition, tempDir.resolve(name), nowMs);
  }

  boolean accepts(SinkRecord record) {
    return writer.accepts(record);
  }

  void write(SinkRecord record, long offset) throws IOException {
    writer.write(record);
    if (firstOffset < 0) {
      firstOffset = offset;
    }
    lastOffset = offset;
    records++;
  }

  boolean isEmpty() {
    return records == 0;
  }

  long records() {
    return records;
  }

  /** Bytes that reached the file so far (after compression). */
  long bytes() {
    return counting.count;
  }

  long openedAtMs() {
    return openedAtMs;
  }

  long firstOffset() {
    return firstOffset;
  }

  /**
   * Finishes the file and renames it into {@code dir} under its final name, durably.
   *
   * @return the final name
   */
  SinkFileName complete(Path dir) throws IOException {
    if (isEmpty()) {
      throw new IllegalStateException("an empty file is discarded, not completed: " + tempPath);
    }
    writer.finish();
    if (gzip != null) {
      gzip.finish();
    }
    counting.flush();
    channel.force(true);
    channel.close();
    SinkFileName name = new SinkFileName(partition, firstOffset, lastOffset, extension);
    Files.move(tempPath, dir.resolve(name.fileName()), StandardCopyOption.ATOMIC_MOVE);
    SinkDirectory.forceDirectory(dir);
    return name;
  }

  /** Closes and deletes the temporary file; its records were never reported as committed. */
  void discard() throws IOException {
    try {
      channel.close();
    } finally {
      Files.deleteIfExists(tempPath);
    }
  }

  private static final class CountingOutputStream extends FilterOutputStream {
    private long count;

    CountingOutputStream(OutputStream out) {
      super(requireNonNull(out, "out is null"));
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
