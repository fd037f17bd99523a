package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the JDBC benchmark runs (issue 6) and where things live.
 *
 * @param rows rows in the benchmark table
 * @param rounds how many times every step runs; the report gives medians
 * @param splitTasks tasks of the split source run (the other source run has one task, no split)
 * @param splitRanges {@code split.ranges} of the split source run
 * @param timeout how long one connector run may take before it counts as failed
 * @param root the repository root
 * @param runtimeTarget Tributary's worker build: runtime/target with its jar and lib/
 * @param brokerCoreTarget the broker-core build: its target folder with the jar and lib/
 * @param workDir where PostgreSQL, the broker, the worker, logs and the report go
 */
record JdbcBenchSettings(
    long rows,
    int rounds,
    int splitTasks,
    int splitRanges,
    Duration timeout,
    Path root,
    Path runtimeTarget,
    Path brokerCoreTarget,
    Path workDir) {

  static final String USAGE =
      "Usage: bench/run-jdbc-bench [--rows N] [--rounds N]\n"
          + "  --rows N           rows in the PostgreSQL table (default 1000000)\n"
          + "  --rounds N         run every step N times; report medians (default 1)\n"
          + "  --split-tasks N    tasks.max of the split source run (default 4)\n"
          + "  --split-ranges N   split.ranges of the split source run (default 16)\n"
          + "  --timeout-seconds N  give up on one connector run after N s (default 900)\n";

  JdbcBenchSettings {
    requireNonNull(timeout, "timeout is null");
    requireNonNull(root, "root is null");
    requireNonNull(runtimeTarget, "runtimeTarget is null");
    requireNonNull(brokerCoreTarget, "brokerCoreTarget is null");
    requireNonNull(workDir, "workDir is null");
    if (rows < 1
        || rounds < 1
        || splitTasks < 1
        || splitRanges < 1
        || timeout.isNegative()
        || timeout.isZero()) {
      throw new IllegalArgumentException(
          "--rows, --rounds, --split-tasks, --split-ranges and --timeout-seconds must be at least"
              + " 1, got "
              + rows
              + ", "
              + rounds
              + ", "
              + splitTasks
              + ", "
              + splitRanges
              + " and "
              + timeout.toSeconds());
    }
  }

  /** Parses the command line; fails with a message naming the offending argument. */
  static JdbcBenchSettings parse(String[] args) {
    long rows = 1_000_000;
    int rounds = 1;
    int splitTasks = 4;
    int splitRanges = 16;
    long timeoutSeconds = 900;
    Path root = Path.of("").toAbsolutePath();
    Path workDir = null;
    Path runtimeTarget = null;
    Path brokerCoreTarget = null;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("-h") || name.equals("--help")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("Missing value after " + name + "\n" + USAGE);
      }
      String value = args[++i];
      switch (name) {
        case "--rows" -> rows = CommandLineValues.number(name, value);
        case "--rounds" -> rounds = (int) CommandLineValues.number(name, value);
        case "--split-tasks" -> splitTasks = (int) CommandLineValues.number(name, value);
        case "--split-ranges" -> splitRanges = (int) CommandLineValues.number(name, value);
        case "--timeout-seconds" -> timeoutSeconds = CommandLineValues.number(name, value);
        case "--root" -> root = Path.of(value).toAbsolutePath();
        case "--runtime-target" -> runtimeTarget = Path.of(value).toAbsolutePath();
        case "--broker-core-target" -> brokerCoreTarget = Path.of(value).toAbsolutePath();
        case "--work-dir" -> workDir = Path.of(value).toAbsolutePath();
        default -> throw new IllegalArgumentException("Unknown option " + name + "\n" + USAGE);
      }
    }
    return new JdbcBenchSettings(
        rows,
        rounds,
        splitTasks,
        splitRanges,
        Duration.ofSeconds(timeoutSeconds),
        root,
        runtimeTarget != null ? runtimeTarget : root.resolve("runtime").resolve("target"),
        brokerCoreTarget != null ? brokerCoreTarget : root.resolve("broker-core").resolve("target"),
        workDir != null ? workDir : root.resolve("bench").resolve("target").resolve("jdbc-bench"));
  }
}
