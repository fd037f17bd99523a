package io.tributary.connect.file;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's output directory: completed files (named by {@link SinkFileName}) directly in it,
 * files being written in its {@code +tmp} subdirectory (no topic is named {@code +tmp}: '+' is not
 * allowed in topic names). Reads which offsets the completed files hold and removes temporary
 * leftovers of a crashed task. Stateless apart from the paths; safe to share.
 */
final class SinkDirectory {
  private static final Logger LOGGER = LoggerFactory.getLogger(SinkDirectory.class);
  static final String TEMP_DIR_NAME = "+tmp";

  private final Path dir;
  private final Path tempDir;

  SinkDirectory(Path dir) {
    this.dir = requireNonNull(dir, "dir is null");
    this.tempDir = dir.resolve(TEMP_DIR_NAME);
  }

  Path dir() {
    return dir;
  }

  Path tempDir() {
    return tempDir;
  }

  /** Creates the directory and its temporary subdirectory if missing. */
  void create() throws IOException {
    Files.createDirectories(tempDir);
  }

  /**
   * The last offset held by a completed file of each of {@code partitions} that has one. Partitions
   * without completed files are absent.
   */
  Map<TopicPartition, Long> lastCompletedOffsets(Set<TopicPartition> partitions)
      throws IOException {
    Map<TopicPartition, Long> last = new HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        SinkFileName.parse(file.getFileName().toString())
            .filter(name -> partitions.contains(name.partition()))
            .ifPresent(name -> last.merge(name.partition(), name.lastOffset(), Math::max));
      }
    }
    return last;
  }

  /**
   * Deletes the temporary files a previous (crashed or revoked) writer left for {@code partition}.
   */
  void deleteTemporaryFiles(TopicPartition partition) throws IOException {
    String prefix = SinkFileName.prefix(partition);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(tempDir, prefix + "*")) {
      for (Path file : files) {
        if (file.getFileName().toString().startsWith(prefix)) {
          LOGGER.info("Deleting temporary file {} left by an earlier writer", file);
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** Forces a directory's entries (e.g. a rename into it) to disk. */
  static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
