package io.tributary.connect.file;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Test helpers reading what a file sink wrote. */
final class SinkFiles {
  private SinkFiles() {}

  /** Names of the completed files in {@code dir}, sorted. */
  static List<String> completed(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Names of the files in the temporary directory. */
  static List<String> temporary(Path dir) {
    Path temp = dir.resolve(SinkDirectory.TEMP_DIR_NAME);
    if (!Files.isDirectory(temp)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(temp)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of one file, gunzipped if its name ends with .gz. */
  static List<String> lines(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      InputStream data = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
      String text = new String(data.readAllBytes(), UTF_8);
      return text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0, count(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int count(String text) {
    return (int) text.chars().filter(c -> c == '\n').count();
  }

  /** The lines of every completed file of {@code dir}, in name order. */
  static List<String> allLines(Path dir) {
    List<String> lines = new ArrayList<>();
    for (String name : completed(dir)) {
      lines.addAll(lines(dir.resolve(name)));
    }
    return lines;
  }
}
