package io.tributary.connect.file;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the regular files matched by a list of absolute glob patterns. Each pattern is walked from
 * its longest literal directory prefix, only as deep as the pattern can reach ('**' walks the whole
 * subtree). Symbolic links to files are followed; links to directories below the base are not (no
 * loops). An unreadable directory is logged and skipped. Not thread-safe; one per task.
 */
final class GlobScanner {

  /** A matched file and the index of the first pattern that matched it. */
  record Match(Path path, int patternIndex) {
    Match {
      requireNonNull(path, "path is null");
    }
  }

  private record Glob(Path base, int maxDepth, PathMatcher matcher) {}

  private static final Logger LOGGER = LoggerFactory.getLogger(GlobScanner.class);

  private final List<Glob> globs = new ArrayList<>();

  GlobScanner(List<String> patterns) {
    for (String pattern : patterns) {
      globs.add(parse(pattern));
    }
  }

  static PathMatcher matcher(String pattern) {
    return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
  }

  /** The regular files matched now, in a stable order (by pattern, then by path). */
  List<Match> scan() {
    Map<Path, Match> matches = new LinkedHashMap<>();
    for (int i = 0; i < globs.size(); i++) {
      Glob glob = globs.get(i);
      if (!Files.isDirectory(glob.base())) {
        continue;
      }
      int index = i;
      List<Path> found = new ArrayList<>();
      try {
        Files.walkFileTree(
            glob.base(),
            EnumSet.noneOf(FileVisitOption.class),
            glob.maxDepth(),
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (glob.matcher().matches(file) && Files.isRegularFile(file)) {
                  found.add(file);
                }
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (!(e instanceof NoSuchFileException)) {
                  // E.g. a directory this worker may not read: the rest is still scanned.
                  LOGGER.warn("Cannot scan {}: {}", file, e.toString());
                }
                return FileVisitResult.CONTINUE;
              }
            });
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot scan " + glob.base(), e);
      }
      found.sort(null);
      for (Path path : found) {
        matches.putIfAbsent(path, new Match(path, index));
      }
    }
    return List.copyOf(matches.values());
  }

  private static Glob parse(String pattern) {
    Path path = Path.of(pattern);
    Path base = path.getRoot();
    int literal = 0;
    for (Path name : path) {
      if (isGlob(name.toString())) {
        break;
      }
      literal++;
    }
    if (literal == path.getNameCount()) {
      // No glob characters at all: the pattern names one file.
      literal = path.getNameCount() - 1;
    }
    for (int i = 0; i < literal; i++) {
      base = base.resolve(path.getName(i));
    }
    int depth = path.getNameCount() - literal;
    for (Path name : path) {
      if (name.toString().contains("**")) {
        depth = Integer.MAX_VALUE;
      }
    }
    return new Glob(base, depth, matcher(pattern));
  }

  private static boolean isGlob(String name) {
    for (char c : name.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == '{' || c == '\\') {
        return true;
      }
    }
    return false;
  }
}
