package io.tributary.connect.file;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Spool-directory bookkeeping (mode=spool): which file to read next (old enough, in name or mtime
 * order, owned by this task), and moving a file to the finished directory once every record read
 * from it was acknowledged by Kafka ({@code commitRecord}), or to the error directory.
 *
 * <p>Threading: {@link #next}, {@link #started}, {@link #emitted}, {@link #finished} and {@link
 * #failed} run on the task thread; {@link #acked} on the producer's callback thread.
 */
final class Spool {

  private static final class SpoolFile {
    final Path path;
    volatile long emitted;
    final AtomicLong acked = new AtomicLong();
    volatile boolean finished;
    final AtomicBoolean moved = new AtomicBoolean();

    SpoolFile(Path path) {
      this.path = requireNonNull(path, "path is null");
    }
  }

  private final FileSourceConfig config;
  private final Map<String, SpoolFile> files = new ConcurrentHashMap<>();

  Spool(FileSourceConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  /** The next file to read among the matches (with its key), or null when none is ready. */
  Map.Entry<String, GlobScanner.Match> next(List<GlobScanner.Match> matches, Predicate<String> owns)
      throws IOException {
    long oldest = System.currentTimeMillis() - config.spoolMinFileAgeMs();
    List<Map.Entry<String, GlobScanner.Match>> ready = new ArrayList<>();
    Map<Path, Long> mtimes = new java.util.HashMap<>();
    for (GlobScanner.Match match : matches) {
      try {
        long mtime = Files.getLastModifiedTime(match.path()).toMillis();
        String key = FileSourceTask.fileKey(match.path());
        if (mtime <= oldest && owns.test(key) && !files.containsKey(key)) {
          ready.add(Map.entry(key, match));
          mtimes.put(match.path(), mtime);
        }
      } catch (NoSuchFileException e) {
        // Moved away meanwhile.
      }
    }
    Comparator<Map.Entry<String, GlobScanner.Match>> byName =
        Comparator.comparing(e -> e.getValue().path().getFileName().toString());
    Comparator<Map.Entry<String, GlobScanner.Match>> order =
        config.spoolSortByMtime()
            ? Comparator.<Map.Entry<String, GlobScanner.Match>>comparingLong(
                    e -> mtimes.get(e.getValue().path()))
                .thenComparing(byName)
            : byName;
    return ready.stream().min(order).orElse(null);
  }

  void started(String key, Path path) {
    files.put(key, new SpoolFile(path));
  }

  void emitted(String key) {
    SpoolFile file = files.get(key);
    if (file != null) {
      file.emitted++;
    }
  }

  /** The whole file was read: it moves once its records are all acknowledged. */
  void finished(String key) {
    SpoolFile file = files.get(key);
    if (file != null) {
      file.finished = true;
      moveIfDone(key, file);
    }
  }

  void acked(SourceRecord record) {
    Object key = record.sourcePartition().get(FileSourceTask.FILE_KEY);
    SpoolFile file = key == null ? null : files.get(key.toString());
    if (file != null) {
      file.acked.incrementAndGet();
      moveIfDone(key.toString(), file);
    }
  }

  /** A malformed line ended the file: it moves to the error directory now. */
  void failed(String key) {
    SpoolFile file = files.remove(key);
    if (file != null && file.moved.compareAndSet(false, true)) {
      move(file.path, config.spoolErrorDir());
    }
  }

  private void moveIfDone(String key, SpoolFile file) {
    if (file.finished
        && file.acked.get() >= file.emitted
        && file.moved.compareAndSet(false, true)) {
      move(file.path, config.spoolFinishedDir());
      files.remove(key);
    }
  }

  private static void move(Path file, Path dir) {
    try {
      Files.createDirectories(dir);
      Path target = dir.resolve(file.getFileName());
      try {
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        target = dir.resolve(file.getFileName() + "." + System.currentTimeMillis());
        Files.move(file, target);
      }
      FileSourceTask.LOGGER.info("Spool file {} moved to {}", file, target);
    } catch (IOException e) {
      throw new ConnectException("Cannot move spool file " + file + " to " + dir, e);
    }
  }
}
