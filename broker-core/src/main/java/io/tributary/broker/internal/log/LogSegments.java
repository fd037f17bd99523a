package io.tributary.broker.internal.log;

import io.tributary.common.io.AtomicFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.record.FileRecords.TimestampAndOffset;
import org.apache.kafka.common.record.RecordBatch;

/**
 * The segments of one partition log by base offset, and the segments recently taken out of it.
 *
 * <p>A segment removed by retention or replaced by the cleaner is retired: its log file is renamed
 * to {@code .log.deleted} but stays open, so that reads that found it just before can finish; it is
 * closed and deleted by {@link #purgeRetired} once it has been retired for a while (and by {@link
 * #closeAll()}). After a crash, {@link LogRecovery} deletes {@code .deleted} files.
 *
 * <p>Thread-safety: lookups are lock-free over a concurrent sorted map; changes are made by the
 * owning {@link PartitionLog} under its lock; purging may run concurrently with changes.
 */
final class LogSegments {
  private final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
  private final ConcurrentLinkedQueue<Retired> retired = new ConcurrentLinkedQueue<>();

  private record Retired(LogSegment segment, long atMs) {}

  void add(LogSegment segment) {
    segments.put(segment.baseOffset(), segment);
  }

  LogSegment active() {
    return segments.lastEntry().getValue();
  }

  LogSegment first() {
    return segments.firstEntry().getValue();
  }

  /** The segment that would hold {@code offset}, or the first one when it is below them all. */
  LogSegment floorOrFirst(long offset) {
    Map.Entry<Long, LogSegment> entry = segments.floorEntry(offset);
    return entry != null ? entry.getValue() : first();
  }

  /** The segment after {@code segment}, or null. */
  LogSegment next(LogSegment segment) {
    Map.Entry<Long, LogSegment> entry = segments.higherEntry(segment.baseOffset());
    return entry == null ? null : entry.getValue();
  }

  /** A snapshot in offset order, the active segment last. */
  /** The segments from the one holding {@code offset} (or the first) up to the active one. */
  List<LogSegment> from(long offset) {
    Long floor = segments.floorKey(offset);
    return List.copyOf((floor == null ? segments : segments.tailMap(floor, true)).values());
  }

  /**
   * The batches whose last offset is at or after {@code offset}, one at a time: FileRecords reads
   * each batch's header only, and only when the iteration reaches it.
   */
  Iterable<RecordBatch> batchesFrom(long offset) {
    return () -> {
      Iterator<LogSegment> segmentsFrom = from(offset).iterator();
      return new Iterator<>() {
        private Iterator<? extends RecordBatch> current = Collections.emptyIterator();
        private RecordBatch next;

        @Override
        public boolean hasNext() {
          while (next == null) {
            while (!current.hasNext()) {
              if (!segmentsFrom.hasNext()) {
                return false;
              }
              current = segmentsFrom.next().records().batches().iterator();
            }
            RecordBatch candidate = current.next();
            if (candidate.lastOffset() >= offset) {
              next = candidate;
            }
          }
          return true;
        }

        @Override
        public RecordBatch next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          RecordBatch batch = next;
          next = null;
          return batch;
        }
      };
    };
  }

  List<LogSegment> list() {
    return new ArrayList<>(segments.values());
  }

  Collection<LogSegment> view() {
    return segments.values();
  }

  /** Takes segments out of the log (see the class comment). */
  void retire(List<LogSegment> doomed, long nowMs) throws IOException {
    for (LogSegment segment : doomed) {
      segments.remove(segment.baseOffset(), segment);
      segment.retire();
      retired.add(new Retired(segment, nowMs));
    }
  }

  /** Whether {@code segment} is (still) in the log. */
  boolean contains(LogSegment segment) {
    return segments.get(segment.baseOffset()) == segment;
  }

  /**
   * Swaps a cleaned segment (files suffixed {@code .swap}, named after the first of {@code olds})
   * in for the consecutive non-active segments {@code olds}: each old log file becomes {@code
   * .log.deleted} and its indexes go, then the swap files take the segment's names, the log file
   * last, and the directory is fsynced. The cleaned segment ends at the same offset as the last of
   * {@code olds}, so a crash in between is finished by {@link LogRecovery}.
   *
   * @return false when one of {@code olds} is no longer a non-active segment of the log
   */
  boolean replace(List<LogSegment> olds, LogSegment cleaned, long nowMs) throws IOException {
    for (LogSegment old : olds) {
      if (!contains(old) || old == active()) {
        return false;
      }
    }
    for (LogSegment old : olds) {
      old.retire();
    }
    cleaned.renameSuffix(LogSegment.SWAP, "");
    AtomicFiles.syncDirectory(cleaned.records().file().toPath().getParent());
    segments.put(cleaned.baseOffset(), cleaned);
    for (LogSegment old : olds) {
      segments.remove(old.baseOffset(), old);
      retired.add(new Retired(old, nowMs));
    }
    return true;
  }

  /** Closes and deletes segments retired at or before {@code retiredBeforeMs}. */
  void purgeRetired(long retiredBeforeMs) throws IOException {
    Iterator<Retired> it = retired.iterator();
    while (it.hasNext()) {
      Retired r = it.next();
      if (r.atMs() <= retiredBeforeMs) {
        r.segment().delete();
        it.remove();
      }
    }
  }

  /**
   * The first record at or after {@code timestampMs} with an offset in [start, end), skipping
   * segments whose largest timestamp is lower.
   */
  Optional<TimestampAndOffset> offsetForTimestamp(long timestampMs, long start, long end) {
    Long from = segments.floorKey(start);
    for (LogSegment segment : (from == null ? segments : segments.tailMap(from, true)).values()) {
      if (segment.maxTimestamp() < timestampMs) {
        continue;
      }
      TimestampAndOffset found = segment.findByTimestamp(timestampMs, start);
      if (found != null && found.offset < end) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  /** The record with the largest timestamp (the first on ties) at or after {@code start}. */
  Optional<TimestampAndOffset> maxTimestampAndOffset(long start) {
    LogSegment best = null;
    for (LogSegment segment : segments.values()) {
      if (segment.maxTimestamp() >= 0
          && segment.nextOffset() > start
          && (best == null || segment.maxTimestamp() > best.maxTimestamp())) {
        best = segment;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    TimestampAndOffset found = best.records().largestTimestampAfter(0);
    return found != null && found.offset >= 0 ? Optional.of(found) : Optional.empty();
  }

  /** Closes every segment cleanly (the active one becomes inactive first) and purges. */
  void closeAll() throws IOException {
    active().onBecomeInactive();
    for (LogSegment segment : segments.values()) {
      segment.close();
    }
    purgeRetired(Long.MAX_VALUE);
  }

  /** Closes every file without flushing, as a crash leaves them. */
  void haltAll() throws IOException {
    for (LogSegment segment : segments.values()) {
      segment.closeWithoutFlush();
    }
    for (Retired r : retired) {
      r.segment().closeWithoutFlush();
    }
  }

  /** Closes and deletes every segment. */
  void deleteAll() throws IOException {
    for (LogSegment segment : segments.values()) {
      segment.delete();
    }
    segments.clear();
    purgeRetired(Long.MAX_VALUE);
  }
}
