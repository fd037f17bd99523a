package io.tributary.broker.internal.log;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.IntPredicate;

/**
 * A file of fixed-size index entries of one segment, kept whole in a heap buffer (the in-memory
 * mirror) and appended to the file with positional writes.
 *
 * <p>Why positional I/O and not a memory map: Java 17 has no public way to unmap a buffer, so a
 * mapped index of a deleted or renamed segment would keep its pages (and, on some platforms, the
 * file) until the garbage collector gets to it; and a preallocated, mapped file has a tail of zeros
 * whose meaning after a crash must be guessed. Here the file is exactly as long as its valid
 * entries, the mirror costs the same memory a mapped file's resident pages would, lookups are
 * binary searches in that mirror, and a segment's index is at most segment.index.bytes (a full
 * index rolls the segment), so the mirror never grows past it. Nothing is preallocated, so there is
 * nothing to trim on roll or close. The cost: every open segment's indexes live in the heap, 20
 * bytes per index.interval.bytes of log (about 0.5% of the log at the default 4096); loading the
 * indexes of cold segments lazily is a possible refinement.
 *
 * <p>Entries store offsets relative to the segment's base offset, as int32 ({@link
 * #relativeOffset}).
 *
 * <p>Crash behaviour: entries are written after the log bytes they point to; the file is fsynced on
 * {@link #flush()} (segment roll and close). A torn or missing index is detected by the owner's
 * sanity check and rebuilt from the log.
 *
 * <p>Thread-safety: appends come from one thread at a time (the partition's append lock); lookups
 * may run concurrently and see a prefix of the entries through the volatile entry count.
 */
abstract class IndexFile implements AutoCloseable {
  private Path path;
  private final long baseOffset;
  private final FileChannel channel;
  private final int entrySize;
  private final ByteBuffer scratch;
  private final int maxEntries;
  private ByteBuffer mirror;
  private volatile int entries;
  private final boolean tornTail;
  private boolean deleted;

  IndexFile(Path path, long baseOffset, int entrySize, int maxIndexBytes) throws IOException {
    this.path = requireNonNull(path, "path is null");
    this.baseOffset = baseOffset;
    this.entrySize = entrySize;
    this.scratch = ByteBuffer.allocate(entrySize);
    this.maxEntries = Math.max(1, maxIndexBytes / entrySize);
    this.channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long size = channel.size();
    int whole = (int) Math.min(size / entrySize, Integer.MAX_VALUE / entrySize);
    this.mirror = ByteBuffer.allocate(Math.max(entrySize * 16, whole * entrySize));
    ByteBuffer read = mirror.duplicate();
    read.limit(whole * entrySize);
    while (read.hasRemaining()) {
      if (channel.read(read, read.position()) < 0) {
        break;
      }
    }
    this.entries = whole;
    this.tornTail = size % entrySize != 0;
  }

  /** True when the file length was not a whole number of entries when it was opened. */
  boolean openedWithTornTail() {
    return tornTail;
  }

  Path path() {
    return path;
  }

  /** The base offset of the index's segment. */
  long baseOffset() {
    return baseOffset;
  }

  int entries() {
    return entries;
  }

  int maxEntries() {
    return maxEntries;
  }

  boolean isFull() {
    return entries >= maxEntries;
  }

  /** The bytes of entry {@code n} start at this index of {@link #buffer()}. */
  final int slot(int n) {
    return n * entrySize;
  }

  /** The mirror; read it with absolute gets only. */
  final ByteBuffer buffer() {
    return mirror;
  }

  /**
   * Binary search: the number of the last entry that {@code inPrefix} accepts, or -1 when it
   * accepts none. The accepted entries must be a prefix of the index (true up to some entry, false
   * after).
   */
  final int lastEntryWhere(IntPredicate inPrefix) {
    int lo = 0;
    int hi = entries - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (inPrefix.test(mid)) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /**
   * {@code offset} relative to a segment's {@code baseOffset}, as index entries store it.
   *
   * @throws IllegalArgumentException when it does not fit an int32 at or above 0
   */
  final int relativeOffset(long offset, String indexName) {
    long delta = offset - baseOffset;
    if (delta < 0 || delta > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "Offset "
              + offset
              + " does not fit the "
              + indexName
              + " of the segment at "
              + baseOffset);
    }
    return (int) delta;
  }

  /**
   * A cleared buffer of {@code entrySize} bytes to fill with absolute puts and pass to {@link
   * #appendEntry}; the same buffer on every call (appends are single-threaded).
   */
  final ByteBuffer newEntry() {
    return scratch.clear();
  }

  /** Appends one entry, given as exactly {@code entrySize} bytes. */
  final void appendEntry(ByteBuffer entry) throws IOException {
    if (entries >= maxEntries) {
      throw new IllegalStateException("Index " + path + " is full (" + maxEntries + " entries)");
    }
    int at = entries * entrySize;
    if (at + entrySize > mirror.capacity()) {
      ByteBuffer grown =
          ByteBuffer.allocate(Math.min(mirror.capacity() * 2, maxEntries * entrySize));
      ByteBuffer copy = mirror.duplicate();
      copy.clear().limit(at);
      grown.put(copy);
      mirror = grown;
    }
    mirror.put(at, entry.array(), 0, entrySize);
    ByteBuffer write = entry.duplicate();
    write.clear().limit(entrySize);
    long pos = at;
    while (write.hasRemaining()) {
      pos += channel.write(write, pos);
    }
    entries = entries + 1;
  }

  /** Drops every entry from {@code n} on. */
  final void truncateEntries(int n) throws IOException {
    if (n < entries) {
      entries = n;
    }
    channel.truncate((long) n * entrySize);
  }

  /** Drops every entry. */
  void reset() throws IOException {
    truncateEntries(0);
  }

  /** Fsyncs the file. */
  void flush() throws IOException {
    if (channel.isOpen()) {
      channel.force(true);
    }
  }

  /** Renames the file (the entries stay in memory, so lookups keep working). */
  void renameTo(Path target) throws IOException {
    Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    path = target;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /**
   * Closes the file and deletes it, once: a later call does nothing, as the name may by then belong
   * to a swapped-in segment's index. Lookups in memory keep working.
   */
  synchronized void deleteFile() throws IOException {
    channel.close();
    if (!deleted) {
      Files.deleteIfExists(path);
      deleted = true;
    }
  }
}
