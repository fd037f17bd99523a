package io.tributary.broker.internal.log;

import static java.util.Objects.requireNonNull;

import io.tributary.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.record.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecords.FilterResult;
import org.apache.kafka.common.record.MemoryRecords.RecordFilter;
import org.apache.kafka.common.record.MemoryRecords.RecordFilter.BatchRetention;
import org.apache.kafka.common.record.MemoryRecords.RecordFilter.BatchRetentionResult;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.utils.BufferSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cleaning pass over one compacted log.
 *
 * <p>The cleanable range is every segment before the active one, up to the first segment holding a
 * record younger than min.compaction.lag.ms. Its dirty part starts at the log's cleaner checkpoint.
 * The pass maps each key in the dirty part to its latest offset, then rewrites the cleanable
 * segments through kafka's {@link MemoryRecords#filterTo}: a record goes when a later record has
 * its key; batches keep their offsets, producer id, epoch, sequence and timestamps; empty batches
 * go, except two kinds, which stay, empty if need be (a header without records, as Kafka's cleaner
 * retains them):
 *
 * <ul>
 *   <li>the last batch of each group (below), so that the cleaned segment ends at the same offset
 *       as the segments it replaces;
 *   <li>the last batch of each producer in the partition's producer state (taken when the pass
 *       starts), so that the state rebuilt from the log after a restart without a usable snapshot
 *       still knows the producer's epoch and last sequence, and a retry of its last batch is still
 *       answered as a duplicate. Batches of producers that expired are not kept.
 * </ul>
 *
 * <p>Consecutive segments are merged into one cleaned segment while they fit segment.bytes, so
 * segments shrunk by cleaning do not pile up.
 *
 * <p>Tombstones (records with a key and a null value): the first pass that keeps one stamps its
 * batch with a delete horizon (now + delete.retention.ms, in the batch header, as Kafka does since
 * KIP-534); a pass after that horizon removes it. So a tombstone is kept at least
 * delete.retention.ms after the segment holding it was first cleaned, and this survives restarts
 * because the horizon is in the data.
 *
 * <p>Crash safety of the swap, per group: the output is written to {@code <first base>.*.cleaned}
 * and fsynced; the files are renamed to {@code .swap} (indexes first, the log last: the log's
 * rename commits the swap); then, under the log's lock, the old logs become {@code .log.deleted},
 * their indexes go, and the swap files take the first segment's names (log last). {@link
 * LogRecovery} finishes a committed swap and drops an uncommitted one, whatever step a crash
 * interrupted. Reads and appends continue throughout: appends never touch cleanable segments, and
 * readers holding an old segment keep reading it until it is closed, a minute later.
 *
 * <p>Not thread-safe; run by the single cleaner thread.
 */
final class Compaction {
  private static final Logger LOGGER = LoggerFactory.getLogger(Compaction.class);
  private static final int CHUNK_BYTES = 1024 * 1024;

  private final PartitionLog log;
  private final long nowMs;
  private final List<LogSegment> cleanable;
  private final long firstDirty;
  private final long firstUncleanable;
  private final double dirtyRatio;
  private long nextHorizonMs = Long.MAX_VALUE;

  private Compaction(
      PartitionLog log,
      long nowMs,
      List<LogSegment> cleanable,
      long firstDirty,
      long firstUncleanable,
      double dirtyRatio) {
    this.log = requireNonNull(log, "log is null");
    this.nowMs = nowMs;
    this.cleanable = List.copyOf(cleanable);
    this.firstDirty = firstDirty;
    this.firstUncleanable = firstUncleanable;
    this.dirtyRatio = dirtyRatio;
  }

  /** The pass this log needs now, or null when it needs none. */
  static Compaction plan(PartitionLog log, long nowMs) {
    LogConfig config = log.config();
    List<LogSegment> all = log.segments();
    List<LogSegment> cleanable = new ArrayList<>();
    long firstUncleanable = all.get(all.size() - 1).baseOffset();
    for (int i = 0; i < all.size() - 1; i++) {
      LogSegment segment = all.get(i);
      if (segment.maxTimestamp() > nowMs - config.minCompactionLagMs()) {
        firstUncleanable = segment.baseOffset();
        break;
      }
      if (segment.nextOffset() > log.logStartOffset()) {
        cleanable.add(segment);
      }
    }
    if (cleanable.isEmpty()) {
      return null;
    }
    long firstDirty = Math.max(log.firstDirtyOffset(), log.logStartOffset());
    long clean = 0;
    long dirty = 0;
    long oldestDirtyMs = Long.MAX_VALUE;
    for (LogSegment segment : cleanable) {
      if (segment.nextOffset() <= firstDirty) {
        clean += segment.sizeInBytes();
      } else {
        dirty += segment.sizeInBytes();
        oldestDirtyMs = Math.min(oldestDirtyMs, segment.createdMs());
      }
    }
    double ratio = clean + dirty == 0 ? 0 : (double) dirty / (clean + dirty);
    boolean due =
        dirty > 0
            && (ratio >= config.minCleanableDirtyRatio()
                || nowMs - oldestDirtyMs > config.maxCompactionLagMs());
    boolean tombstonesDue = nowMs >= log.tombstoneHorizonMs();
    if (!due && !tombstonesDue) {
      return null;
    }
    return new Compaction(log, nowMs, cleanable, firstDirty, firstUncleanable, ratio);
  }

  PartitionLog log() {
    return log;
  }

  double dirtyRatio() {
    return dirtyRatio;
  }

  void run() throws IOException {
    Map<ByteBuffer, Long> latest = buildOffsetMap();
    Map<Long, Long> producerLastOffsets = log.lastBatchOffsetsOfProducers();
    int swapped = 0;
    long before = 0;
    long after = 0;
    for (List<LogSegment> group : groups()) {
      if (log.isClosed()) {
        return;
      }
      long groupBytes = group.stream().mapToLong(LogSegment::sizeInBytes).sum();
      before += groupBytes;
      LogSegment cleaned = clean(group, latest, producerLastOffsets);
      if (cleaned == null) {
        after += groupBytes;
        continue;
      }
      if (log.replaceSegments(group, cleaned)) {
        swapped += group.size();
        after += cleaned.sizeInBytes();
      } else {
        cleaned.delete();
        after += groupBytes;
      }
    }
    log.cleaned(firstUncleanable, nextHorizonMs);
    LOGGER.info(
        "Cleaned {} up to offset {}: {} keys in the dirty part, {} of {} segments rewritten, {} ->"
            + " {} bytes",
        log.topicPartition(),
        firstUncleanable,
        latest.size(),
        swapped,
        cleanable.size(),
        before,
        after);
  }

  /**
   * Consecutive cleanable segments merged into one cleaned segment each: a group stays within
   * segment.bytes (of the segments' current sizes, so segments shrunk by earlier passes merge) and
   * within the 32-bit relative offsets of the indexes.
   */
  private List<List<LogSegment>> groups() {
    LogConfig config = log.config();
    List<List<LogSegment>> groups = new ArrayList<>();
    List<LogSegment> current = new ArrayList<>();
    long bytes = 0;
    for (LogSegment segment : cleanable) {
      if (!current.isEmpty()
          && (bytes + segment.sizeInBytes() > config.segmentBytes()
              || segment.nextOffset() - 1 - current.get(0).baseOffset() > Integer.MAX_VALUE)) {
        groups.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(segment);
      bytes += segment.sizeInBytes();
    }
    if (!current.isEmpty()) {
      groups.add(current);
    }
    return groups;
  }

  private Map<ByteBuffer, Long> buildOffsetMap() {
    Map<ByteBuffer, Long> latest = new HashMap<>();
    for (LogSegment segment : cleanable) {
      if (segment.nextOffset() <= firstDirty) {
        continue;
      }
      for (FileChannelRecordBatch batch : segment.records().batches()) {
        if (batch.isControlBatch() || batch.lastOffset() < firstDirty) {
          continue;
        }
        for (Record record : batch) {
          if (record.hasKey() && record.offset() >= firstDirty) {
            latest.put(copy(record.key()), record.offset());
          }
        }
      }
    }
    return latest;
  }

  private static ByteBuffer copy(ByteBuffer key) {
    ByteBuffer copy = ByteBuffer.allocate(key.remaining());
    copy.put(key.duplicate()).flip();
    return copy;
  }

  /**
   * Writes the cleaned form of a group of segments to one segment's {@code .cleaned} files (named
   * after the group's first base offset), fsyncs and renames them to {@code .swap}.
   *
   * @return the cleaned segment, or null when cleaning would change nothing
   */
  private LogSegment clean(
      List<LogSegment> group, Map<ByteBuffer, Long> latest, Map<Long, Long> producerLastOffsets)
      throws IOException {
    Path dir = log.dir();
    long base = group.get(0).baseOffset();
    for (String suffix :
        List.of(LogSegment.LOG_SUFFIX, LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX)) {
      Files.deleteIfExists(dir.resolve(LogSegment.name(base) + suffix + LogSegment.CLEANED));
    }
    LogSegment cleaned = LogSegment.open(dir, base, log.config(), nowMs, LogSegment.CLEANED);
    boolean changed = group.size() > 1;
    try {
      RecordFilter filter =
          new Filter(latest, producerLastOffsets, group.get(group.size() - 1).nextOffset() - 1);
      for (LogSegment segment : group) {
        List<FileChannelRecordBatch> chunk = new ArrayList<>();
        int chunkBytes = 0;
        for (FileChannelRecordBatch batch : segment.records().batches()) {
          if (!chunk.isEmpty() && chunkBytes + batch.sizeInBytes() > CHUNK_BYTES) {
            changed |= cleanChunk(segment, chunk, chunkBytes, filter, cleaned);
            chunk.clear();
            chunkBytes = 0;
          }
          chunk.add(batch);
          chunkBytes += batch.sizeInBytes();
        }
        if (!chunk.isEmpty()) {
          changed |= cleanChunk(segment, chunk, chunkBytes, filter, cleaned);
        }
      }
      if (!changed) {
        cleaned.delete();
        return null;
      }
      cleaned.onBecomeInactive();
      cleaned.renameSuffix(LogSegment.CLEANED, LogSegment.SWAP);
      AtomicFiles.syncDirectory(dir);
      return cleaned;
    } catch (IOException | RuntimeException e) {
      cleaned.delete();
      throw e;
    }
  }

  private boolean cleanChunk(
      LogSegment segment,
      List<FileChannelRecordBatch> chunk,
      int bytes,
      RecordFilter filter,
      LogSegment cleaned)
      throws IOException {
    ByteBuffer input = ByteBuffer.allocate(bytes);
    segment.records().readInto(input, chunk.get(0).position()); // leaves the buffer flipped
    ByteBuffer original = input.duplicate();
    FilterResult result =
        MemoryRecords.readableRecords(input)
            .filterTo(
                log.topicPartition(),
                filter,
                ByteBuffer.allocate(bytes),
                Math.max(bytes, log.config().maxMessageBytes()),
                BufferSupplier.NO_CACHING);
    ByteBuffer output = result.outputBuffer();
    output.flip();
    if (output.remaining() > 0) {
      cleaned.append(MemoryRecords.readableRecords(output.duplicate()));
    }
    return !output.equals(original);
  }

  /** Keeps the latest record per key; drops tombstones past their delete horizon. */
  private final class Filter extends RecordFilter {
    private final Map<ByteBuffer, Long> latest;
    private final Map<Long, Long> producerLastOffsets;
    private final long groupLastOffset;

    Filter(
        Map<ByteBuffer, Long> latest, Map<Long, Long> producerLastOffsets, long groupLastOffset) {
      super(nowMs, log.config().deleteRetentionMs());
      this.latest = latest;
      this.producerLastOffsets = producerLastOffsets;
      this.groupLastOffset = groupLastOffset;
    }

    /**
     * A segment's last batch stays, emptied if need be, so the segment keeps its last offset:
     * consumers fetching in the gap it leaves move past it, and recovery sees the same offsets. So
     * does the last batch of each producer in the state, which carries its epoch and sequences.
     */
    @Override
    protected BatchRetentionResult checkBatchRetention(RecordBatch batch) {
      boolean keep =
          batch.lastOffset() == groupLastOffset
              || (batch.hasProducerId()
                  && Long.valueOf(batch.lastOffset())
                      .equals(producerLastOffsets.get(batch.producerId())));
      return new BatchRetentionResult(
          keep ? BatchRetention.RETAIN_EMPTY : BatchRetention.DELETE_EMPTY, false);
    }

    @Override
    protected boolean shouldRetainRecord(RecordBatch batch, Record record) {
      if (batch.isControlBatch() || !record.hasKey()) {
        return true;
      }
      Long newest = latest.get(record.key());
      if (newest != null && record.offset() < newest) {
        return false;
      }
      if (!record.hasValue()) {
        OptionalLong horizon = batch.deleteHorizonMs();
        if (horizon.isPresent() && currentTime >= horizon.getAsLong()) {
          return false;
        }
        long when = horizon.isPresent() ? horizon.getAsLong() : currentTime + deleteRetentionMs;
        nextHorizonMs = Math.min(nextHorizonMs, when);
      }
      return true;
    }
  }
}
