package io.tributary.connect.hdfs;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options.Rename;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's layout on one Hadoop file system, and the file operations commit and recovery are made
 * of.
 *
 * <ul>
 *   <li>Committed files: {@code <topics.dir>/<topic>/<partition path>/<topic>+<partition>+<first
 *       offset>+<last offset><ext>}.
 *   <li>Files being written: {@code
 *       <topics.dir>/+tmp/<topic>/<partition>/<topic>+<partition>+<first offset>+<uuid><ext>},
 *       deleted on recovery.
 *   <li>Commit intents: {@code <logs.dir>/<topic>/<partition>/commit.intent}, the renames of a
 *       commit of several files, written (atomically, by rename) before the first of them and
 *       deleted after the last; recovery replays the renames it lists whose source still exists.
 * </ul>
 *
 * <p>Every rename is {@link FileContext#rename(Path, Path, Rename...)} with {@code OVERWRITE}:
 * atomic on HDFS and on the local file system. Thread-safe as far as the Hadoop {@link FileSystem}
 * is; each topic partition's files are touched by one task thread only.
 */
final class HdfsStorage {
  private static final Logger LOGGER = LoggerFactory.getLogger(HdfsStorage.class);
  static final String TEMP_DIR = "+tmp";
  static final String INTENT_FILE = "commit.intent";

  private final FileSystem fs;
  private final FileContext fileContext;
  private final Path topicsDir;
  private final Path logsDir;

  /**
   * {@code topicsDir} and {@code logsDir} are relative to {@code base} (the path of {@code
   * hdfs.url}, e.g. {@code /data/warehouse} of {@code file:///data/warehouse}) unless absolute.
   */
  HdfsStorage(
      FileSystem fs, FileContext fileContext, String base, String topicsDir, String logsDir) {
    this.fs = requireNonNull(fs, "fs is null");
    this.fileContext = requireNonNull(fileContext, "fileContext is null");
    Path root = fs.makeQualified(new Path(base == null || base.isEmpty() ? "/" : base));
    this.topicsDir = new Path(root, requireNonNull(topicsDir, "topicsDir is null"));
    this.logsDir = new Path(root, requireNonNull(logsDir, "logsDir is null"));
  }

  FileSystem fileSystem() {
    return fs;
  }

  Path topicsDir() {
    return topicsDir;
  }

  /** The directory of a partition's files being written. */
  Path tempDir(TopicPartition tp) {
    return new Path(
        new Path(new Path(topicsDir, TEMP_DIR), tp.topic()), Integer.toString(tp.partition()));
  }

  /** A fresh temporary path for a file whose first record has {@code firstOffset}. */
  Path newTempFile(TopicPartition tp, long firstOffset, String extension) {
    return new Path(
        tempDir(tp),
        tp.topic()
            + '+'
            + tp.partition()
            + '+'
            + firstOffset
            + '+'
            + UUID.randomUUID()
            + extension);
  }

  /** Where a committed file goes: {@code <topics.dir>/<topic>/<partition path>/<name>}. */
  Path committedPath(String partitionPath, CommittedFile file, int padWidth) {
    Path dir = new Path(topicsDir, file.partition().topic());
    if (!partitionPath.isEmpty()) {
      dir = new Path(dir, partitionPath);
    }
    return new Path(dir, file.fileName(padWidth));
  }

  private Path intentFile(TopicPartition tp) {
    return new Path(
        new Path(new Path(logsDir, tp.topic()), Integer.toString(tp.partition())), INTENT_FILE);
  }

  /** Creates the parent directories of a temporary file. */
  void prepareTempDir(TopicPartition tp) throws IOException {
    fs.mkdirs(tempDir(tp));
  }

  /**
   * Commits files by renaming each {@code (temp, committed)} pair: one rename when there is one
   * file, else through a commit intent so that a crash between renames is finished on recovery.
   */
  void commit(TopicPartition tp, List<PendingRename> renames) throws IOException {
    if (renames.isEmpty()) {
      return;
    }
    if (renames.size() == 1) {
      rename(renames.get(0));
      return;
    }
    Path intent = intentFile(tp);
    Path intentTemp = intent.suffix(".tmp");
    fs.mkdirs(intent.getParent());
    try (FSDataOutputStream out = fs.create(intentTemp, true)) {
      StringBuilder text = new StringBuilder();
      for (PendingRename rename : renames) {
        text.append(rename.from()).append('\t').append(rename.to()).append('\n');
      }
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
      out.hsync();
    }
    fileContext.rename(intentTemp, intent, Rename.OVERWRITE);
    for (PendingRename rename : renames) {
      rename(rename);
    }
    fs.delete(intent, false);
  }

  private void rename(PendingRename rename) throws IOException {
    fs.mkdirs(rename.to().getParent());
    fileContext.rename(rename.from(), rename.to(), Rename.OVERWRITE);
  }

  /**
   * Recovers a partition: finishes an interrupted multi-file commit, deletes temporary leftovers
   * and returns the last offset in its committed files (empty when it has none).
   */
  Optional<Long> recover(TopicPartition tp) throws IOException {
    return recoverLatest(tp).map(latest -> latest.file().lastOffset());
  }

  /**
   * As {@link #recover}, returning the committed file with the highest last offset and its path.
   */
  Optional<CommittedPath> recoverLatest(TopicPartition tp) throws IOException {
    replayIntent(tp);
    Path temp = tempDir(tp);
    if (fs.exists(temp)) {
      LOGGER.info("Deleting temporary leftovers of {} under {}", tp, temp);
      fs.delete(temp, true);
    }
    Optional<CommittedPath> latest = Optional.empty();
    for (CommittedPath committed : committedPaths(tp)) {
      if (latest.isEmpty() || committed.file().lastOffset() > latest.get().file().lastOffset()) {
        latest = Optional.of(committed);
      }
    }
    return latest;
  }

  private void replayIntent(TopicPartition tp) throws IOException {
    Path intent = intentFile(tp);
    if (!fs.exists(intent)) {
      return;
    }
    List<PendingRename> renames = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(fs.open(intent), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          renames.add(
              new PendingRename(
                  new Path(line.substring(0, tab)), new Path(line.substring(tab + 1))));
        }
      }
    }
    for (PendingRename rename : renames) {
      if (fs.exists(rename.from())) {
        LOGGER.info("Finishing an interrupted commit: {} -> {}", rename.from(), rename.to());
        rename(rename);
      }
    }
    fs.delete(intent, false);
  }

  /** The committed files of a partition, in any partition path under its topic's directory. */
  List<CommittedPath> committedPaths(TopicPartition tp) throws IOException {
    List<CommittedPath> files = new ArrayList<>();
    Path topicDir = new Path(topicsDir, tp.topic());
    RemoteIterator<LocatedFileStatus> it;
    try {
      it = fs.listFiles(topicDir, true);
    } catch (FileNotFoundException e) {
      return files; // nothing committed yet
    }
    while (it.hasNext()) {
      LocatedFileStatus status = it.next();
      Optional<CommittedFile> file = CommittedFile.parse(status.getPath().getName());
      if (file.isPresent() && file.get().partition().equals(tp)) {
        files.add(new CommittedPath(file.get(), status.getPath()));
      }
    }
    return files;
  }

  /** Deletes a temporary file (best effort is the caller's choice). */
  void deleteTemp(Path temp) throws IOException {
    fs.delete(temp, false);
  }

  /** A committed file and where it is. */
  record CommittedPath(CommittedFile file, Path path) {
    CommittedPath {
      requireNonNull(file, "file is null");
      requireNonNull(path, "path is null");
    }
  }

  /** One rename of a commit. */
  record PendingRename(Path from, Path to) {
    PendingRename {
      requireNonNull(from, "from is null");
      requireNonNull(to, "to is null");
    }
  }
}
