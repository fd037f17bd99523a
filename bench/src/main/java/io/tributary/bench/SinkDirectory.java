package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The completed files Tributary's file sink ({@code io.tributary.connect.file.FileSinkConnector},
 * {@code format=text}, no compression) wrote to its {@code file.dir}: files named {@code
 * <topic>+<partition>+<first offset>+<last offset>.txt}, the offsets zero-padded to 20 digits.
 * Files in progress live in the {@code +tmp} sub-folder and do not count. Concatenated in name
 * order, a partition's completed files hold its records in offset order.
 *
 * <p>Read-only; every call lists the folder afresh, so it can be polled while the sink writes.
 */
final class SinkDirectory {
  /** {@code <topic>+<partition>+<20 digits>+<20 digits>.txt}; '+' cannot occur in a topic. */
  private static final Pattern COMPLETED =
      Pattern.compile("[^+/]+\\+[0-9]+\\+[0-9]{20}\\+[0-9]{20}\\.txt");

  private final Path directory;

  SinkDirectory(Path directory) {
    this.directory = requireNonNull(directory, "directory is null");
  }

  Path directory() {
    return directory;
  }

  /** Whether {@code fileName} names a completed text file of the sink. */
  static boolean isCompleted(String fileName) {
    return COMPLETED.matcher(requireNonNull(fileName, "fileName is null")).matches();
  }

  /** The completed files, sorted by name (so by topic, partition, then offset); none yet: empty. */
  List<Path> completedFiles() {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> entries = Files.list(directory)) {
      entries
          .filter(f -> isCompleted(f.getFileName().toString()) && Files.isRegularFile(f))
          .sorted()
          .forEach(files::add);
    } catch (NoSuchFileException notYet) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the sink folder " + directory, e);
    }
    return files;
  }

  /**
   * Bytes in the completed files. A file the sink removes between the listing and the size (none
   * should: completed files are final) counts as empty.
   */
  long completedBytes() {
    long total = 0;
    for (Path file : completedFiles()) {
      try {
        total += Files.size(file);
      } catch (NoSuchFileException gone) {
        // Removed since the listing: it holds nothing any more.
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the size of " + file, e);
      }
    }
    return total;
  }
}
