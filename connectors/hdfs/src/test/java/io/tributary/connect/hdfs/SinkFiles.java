package io.tributary.connect.hdfs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** Reads what the sink left on a file system, for assertions. */
final class SinkFiles {
  private SinkFiles() {}

  /** Every file under {@code dir} (recursively), as paths relative to {@code dir}, sorted. */
  static List<String> list(FileSystem fs, Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    if (!fs.exists(dir)) {
      return names;
    }
    String prefix = fs.makeQualified(dir).toUri().getPath();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      String path = it.next().getPath().toUri().getPath();
      names.add(path.substring(prefix.length() + 1));
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }

  /** The committed files of {@code topic} under {@code topicsDir}, sorted by name (offset). */
  static List<Path> committed(FileSystem fs, Path topicsDir, String topic) throws IOException {
    List<Path> files = new ArrayList<>();
    Path dir = new Path(topicsDir, topic);
    if (!fs.exists(dir)) {
      return files;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      Path path = it.next().getPath();
      if (CommittedFile.parse(path.getName()).isPresent()) {
        files.add(path);
      }
    }
    files.sort(Comparator.comparing(Path::getName));
    return files;
  }

  /** The lines of the committed JSON-lines files of {@code topic}, in file-name order. */
  static List<String> committedLines(FileSystem fs, Path topicsDir, String topic)
      throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path file : committed(fs, topicsDir, topic)) {
      lines.addAll(lines(fs, file));
    }
    return lines;
  }

  /** The lines of one file. */
  static List<String> lines(FileSystem fs, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    }
    return lines;
  }
}
