package io.tributary.broker.internal.producer;

import io.tributary.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A partition's producer state as of one log offset, in a file {@code <offset, 20 digits>.snapshot}
 * beside the partition's segments. Written when the log rolls a segment and on clean close (each
 * time after the log was flushed) so that the next start only scans the batches appended after it.
 *
 * <p>Not thread-safe on its own: the partition's lock serialises writes.
 *
 * <p>Byte layout (big-endian):
 *
 * <pre>
 *   int16  format version (1)
 *   int32  CRC-32C of every byte after this field
 *   int64  offset: the log end offset the state covers (same as in the file name)
 *   int32  producer count
 *   per producer:
 *     int64  producer id
 *     int16  epoch
 *     int32  coordinator epoch (-1; reserved for transactions)
 *     int64  first offset of the open transaction (-1; reserved for transactions)
 *     int64  last append time (broker clock, ms)
 *     int8   batch count (0..5), then per batch, oldest first:
 *       int32 first sequence, int32 last sequence, int64 first offset, int64 last offset,
 *       int64 timestamp
 * </pre>
 *
 * <p>Crash behaviour: the file is written through {@link AtomicFiles} (temporary file, fsync,
 * rename), so it is either whole or absent. A file that fails its CRC, that describes offsets past
 * the end of the log (the log was truncated after it was written), or whose offset is below the
 * log's first segment (segments after it were deleted, so batches it does not cover are gone), is
 * not used; the state is then rebuilt from an older snapshot or from the log itself.
 */
final class ProducerStateSnapshot {
  static final String SUFFIX = ".snapshot";
  private static final short VERSION = 1;
  private static final int HEADER_BYTES = 2 + 4 + 8 + 4;
  private static final int ENTRY_BYTES = 8 + 2 + 4 + 8 + 8 + 1;
  private static final int BATCH_BYTES = 4 + 4 + 8 + 8 + 8;

  private ProducerStateSnapshot() {}

  static Path file(Path dir, long offset) {
    return dir.resolve(String.format("%020d", offset) + SUFFIX);
  }

  /** The offset in a snapshot file's name, or -1 when the name is not a snapshot's. */
  static long offsetOf(Path file) {
    String name = file.getFileName().toString();
    if (!name.endsWith(SUFFIX)) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static void write(Path file, long offset, Collection<ProducerStateEntry> entries)
      throws IOException {
    int size = HEADER_BYTES;
    for (ProducerStateEntry entry : entries) {
      size += ENTRY_BYTES + entry.batches().size() * BATCH_BYTES;
    }
    ByteBuffer buffer = ByteBuffer.allocate(size);
    buffer.putShort(VERSION);
    buffer.putInt(0);
    buffer.putLong(offset);
    buffer.putInt(entries.size());
    for (ProducerStateEntry entry : entries) {
      buffer.putLong(entry.producerId());
      buffer.putShort(entry.epoch());
      buffer.putInt(entry.coordinatorEpoch());
      buffer.putLong(entry.currentTxnFirstOffset());
      buffer.putLong(entry.lastAppendMs());
      buffer.put((byte) entry.batches().size());
      for (BatchMetadata batch : entry.batches()) {
        buffer.putInt(batch.firstSequence());
        buffer.putInt(batch.lastSequence());
        buffer.putLong(batch.firstOffset());
        buffer.putLong(batch.lastOffset());
        buffer.putLong(batch.timestamp());
      }
    }
    buffer.putInt(2, crc(buffer.array()));
    AtomicFiles.write(file, buffer.array());
  }

  /**
   * Reads a snapshot.
   *
   * @throws IOException when it cannot be read or is not a whole, valid snapshot of {@code offset}
   */
  static List<ProducerStateEntry> read(Path file, long offset) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try {
      short version = buffer.getShort();
      if (version != VERSION) {
        throw new IOException("Unknown snapshot format version " + version + " in " + file);
      }
      int storedCrc = buffer.getInt();
      if (storedCrc != crc(bytes)) {
        throw new IOException("CRC mismatch in " + file);
      }
      long storedOffset = buffer.getLong();
      if (storedOffset != offset) {
        throw new IOException(
            "Snapshot " + file + " holds offset " + storedOffset + ", not " + offset);
      }
      int count = buffer.getInt();
      if (count < 0 || (long) count * ENTRY_BYTES > buffer.remaining()) {
        throw new IOException("Invalid producer count " + count + " in " + file);
      }
      List<ProducerStateEntry> entries = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        long producerId = buffer.getLong();
        short epoch = buffer.getShort();
        int coordinatorEpoch = buffer.getInt();
        long txnFirstOffset = buffer.getLong();
        long lastAppendMs = buffer.getLong();
        int batchCount = buffer.get();
        List<BatchMetadata> batches = new ArrayList<>(Math.max(0, batchCount));
        for (int b = 0; b < batchCount; b++) {
          batches.add(
              new BatchMetadata(
                  buffer.getInt(),
                  buffer.getInt(),
                  buffer.getLong(),
                  buffer.getLong(),
                  buffer.getLong()));
        }
        entries.add(
            new ProducerStateEntry(
                producerId, epoch, batches, lastAppendMs, coordinatorEpoch, txnFirstOffset));
      }
      if (buffer.hasRemaining()) {
        throw new IOException(buffer.remaining() + " trailing bytes in " + file);
      }
      return entries;
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new IOException("Snapshot " + file + " is malformed: " + e, e);
    }
  }

  private static int crc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 6, bytes.length - 6);
    return (int) crc.getValue();
  }
}
