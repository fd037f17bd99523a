package io.tributary.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where every benchmark leaves its markdown fragment for docs/benchmarks.md. */
final class Fragments {
  private Fragments() {}

  /** Writes the fragment to {@code <workDir>/benchmarks-fragment.md} and prints it. */
  static void publish(Path workDir, String fragment) {
    Path out = workDir.resolve("benchmarks-fragment.md");
    try {
      Files.writeString(out, fragment);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + out, e);
    }
    System.out.println();
    System.out.println(fragment);
    System.out.println("Written to " + out);
  }
}
