package io.tributary.broker.internal.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.FileRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a partition directory back to a consistent set of segments when a log is opened.
 *
 * <p>File-level repair first ({@link #repairFiles}): leftovers of work a crash interrupted are
 * finished or undone.
 *
 * <ul>
 *   <li>{@code *.cleaned}: a cleaner output not yet committed; deleted (the original segment is
 *       intact).
 *   <li>{@code <base>.log.swap}: a cleaner output that was committed (fsynced, then renamed); the
 *       swap is finished: it replaces every segment from {@code base} up to the offset its last
 *       batch ends at (the cleaner always keeps that batch), so those segments' files go, the
 *       {@code .swap} log becomes {@code <base>.log}, and its indexes are rebuilt by the segment's
 *       sanity check.
 *   <li>{@code *.index.swap} / {@code *.timeindex.swap} without a {@code .log.swap}: the crash came
 *       before the commit; deleted.
 *   <li>{@code *.deleted}: segments retired by retention or cleaning; deleted.
 *   <li>index files without a {@code .log}: deleted.
 * </ul>
 *
 * <p>Then each segment is loaded ({@link #loadSegments}). After a clean shutdown (the log manager's
 * marker file), segment indexes are trusted when they pass a sanity check. Otherwise the last
 * segment is recovered: every batch is validated (size, CRC, offsets), the file is truncated at the
 * first torn or corrupt batch and its indexes rebuilt; truncation is logged at WARN with the
 * partition and offsets. Segments before the last were fsynced (with their indexes) when they
 * rolled, so their tails are not at risk; their indexes are still sanity-checked and rebuilt when
 * missing or corrupt.
 */
final class LogRecovery {
  static final Logger LOGGER = LoggerFactory.getLogger(LogRecovery.class);

  private LogRecovery() {}

  /** Finishes or undoes interrupted swaps and deletions; returns the segments' base offsets. */
  static List<Long> repairFiles(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.toList();
    }
    TreeSet<Long> swapped = new TreeSet<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.endsWith(LogSegment.CLEANED) || name.endsWith(LogSegment.DELETED)) {
        Files.deleteIfExists(file);
      } else if (name.endsWith(LogSegment.LOG_SUFFIX + LogSegment.SWAP)) {
        swapped.add(baseOf(name));
      }
    }
    TreeSet<Long> logs = new TreeSet<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.endsWith(LogSegment.LOG_SUFFIX)) {
        logs.add(baseOf(name));
      }
    }
    for (long base : swapped) {
      String prefix = LogSegment.name(base);
      Path swap = dir.resolve(prefix + LogSegment.LOG_SUFFIX + LogSegment.SWAP);
      long end = nextOffsetOf(swap, base);
      // The swap replaces every segment from its base offset up to where it ends.
      for (long replaced : logs.subSet(base, true, end, false)) {
        String name = LogSegment.name(replaced);
        for (String suffix :
            List.of(LogSegment.LOG_SUFFIX, LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX)) {
          Files.deleteIfExists(dir.resolve(name + suffix));
        }
      }
      for (String suffix :
          List.of(
              LogSegment.INDEX_SUFFIX,
              LogSegment.TIME_INDEX_SUFFIX,
              LogSegment.INDEX_SUFFIX + LogSegment.SWAP,
              LogSegment.TIME_INDEX_SUFFIX + LogSegment.SWAP)) {
        Files.deleteIfExists(dir.resolve(prefix + suffix));
      }
      Files.move(
          dir.resolve(prefix + LogSegment.LOG_SUFFIX + LogSegment.SWAP),
          dir.resolve(prefix + LogSegment.LOG_SUFFIX),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      LOGGER.info("Finished swapping in the cleaned segment {} in {}", base, dir);
    }
    TreeSet<Long> bases = new TreeSet<>();
    List<Path> indexes = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : (Iterable<Path>) list::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(LogSegment.SWAP)) {
          Files.deleteIfExists(file);
        } else if (name.endsWith(LogSegment.LOG_SUFFIX)) {
          bases.add(baseOf(name));
        } else if (name.endsWith(LogSegment.INDEX_SUFFIX)
            || name.endsWith(LogSegment.TIME_INDEX_SUFFIX)) {
          indexes.add(file);
        }
      }
    }
    for (Path index : indexes) {
      if (!bases.contains(baseOf(index.getFileName().toString()))) {
        Files.deleteIfExists(index);
      }
    }
    return new ArrayList<>(bases);
  }

  /** The offset after the last batch of a (whole, fsynced) swap file. */
  private static long nextOffsetOf(Path file, long base) throws IOException {
    long next = base;
    try (FileRecords records = FileRecords.open(file.toFile())) {
      for (FileChannelRecordBatch batch : records.batches()) {
        next = batch.nextOffset();
      }
    }
    return next;
  }

  private static long baseOf(String fileName) {
    return Long.parseLong(fileName.substring(0, 20));
  }

  /**
   * Opens every segment, recovering the last one unless the shutdown was clean.
   *
   * @return the segments in offset order (at least one)
   */
  static List<LogSegment> loadSegments(
      TopicPartition tp,
      Path dir,
      List<Long> bases,
      LogConfig config,
      long nowMs,
      boolean cleanShutdown)
      throws IOException {
    List<LogSegment> segments = new ArrayList<>();
    if (bases.isEmpty()) {
      bases = List.of(0L);
    }
    for (int i = 0; i < bases.size(); i++) {
      LogSegment segment = LogSegment.open(dir, bases.get(i), config, nowMs, "");
      boolean last = i == bases.size() - 1;
      if (last && !cleanShutdown) {
        int before = segment.sizeInBytes();
        int truncated = segment.recover();
        if (truncated > 0) {
          LOGGER.warn(
              "Recovered {} after an unclean shutdown: truncated {} of {} bytes of segment {} at"
                  + " the first torn or corrupt batch; the log now ends at offset {}",
              tp,
              truncated,
              before,
              segment.baseOffset(),
              segment.nextOffset());
        } else {
          LOGGER.debug("Recovered {}: segment {} is whole", tp, segment.baseOffset());
        }
      } else {
        segment.loadTrusted();
      }
      segments.add(segment);
    }
    return segments;
  }
}
