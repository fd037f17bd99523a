package io.tributary.bench;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every benchmark's {@code main} does: parse the options (a bad one prints its message and
 * exits 2), run, and turn a failure into a one-line message naming the command and exit 1.
 */
final class BenchMain {
  private BenchMain() {}

  static <S> void run(
      String command, String[] args, Function<String[], S> parse, Consumer<S> benchmark) {
    S settings;
    try {
      settings = parse.apply(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      benchmark.accept(settings);
    } catch (RuntimeException e) {
      System.err.println(command + ": " + e.getMessage());
      System.exit(1);
    }
  }
}
