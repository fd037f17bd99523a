package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the JDBC benchmark runs (issue 6) and where things live.
 *
 * @param rows rows in the benchmark table
 * @param rounds how many times every step runs; the report gives medians
 * @param warmupRounds rounds run first and left out of the report (the worker's JIT warms up)
 * @param splitTasks tasks of the split source run (the other source run has one task, no split)
 * @param splitRanges {@code split.ranges} of the split source run
 * @param timeout how long one connector run may take before it counts as failed
 * @param sinkBatch when above 0, the sink's {@code batch.size} and its consumer's {@code
 *     max.poll.records} (as {@code consumer.override.max.poll.records}); 0 keeps both defaults
 * @param converter the worker's key and value converter: {@code avro} (Tributary's AvroConverter
 *     with a schema registry the harness runs) or {@code json} (JsonConverter with schemas)
 * @param root the repository root
 * @param runtimeTarget Tributary's worker build: runtime/target with its jar and lib/
 * @param brokerCoreTarget the broker-core build: its target folder with the jar and lib/
 * @param workDir where PostgreSQL, the broker, the worker, logs and the report go
 */
record JdbcBenchSettings(
    long rows,
    int rounds,
    int warmupRounds,
    int splitTasks,
    int splitRanges,
    Duration timeout,
    int sinkBatch,
    String converter,
    Path root,
    Path runtimeTarget,
    Path brokerCoreTarget,
    Path workDir) {

  static final String USAGE =
      "Usage: bench/run-jdbc-bench [--rows N] [--rounds N] [--converter avro|json]\n"
          + "  --rows N           rows in the PostgreSQL table (default 1000000)\n"
          + "  --rounds N         run every step N times; report medians (default 1)\n"
          + "  --warmup-rounds N  unreported rounds first, so the worker's JIT is warm (default 1)\n"
          + "  --split-tasks N    tasks.max of the split source run (default 4)\n"
          + "  --split-ranges N   split.ranges of the split source run (default 16)\n"
          + "  --timeout-seconds N  give up on one connector run after N s (default 900)\n"
          + "  --sink-batch N     the sink's batch.size and consumer max.poll.records (default:\n"
          + "                     theirs, 3000 and 500)\n"
          + "  --converter avro|json  the worker's converters: Avro with a schema registry, or\n"
          + "                     JsonConverter with schemas (default avro)\n";

  static final String AVRO = "avro";
  static final String JSON = "json";

  JdbcBenchSettings {
    requireNonNull(timeout, "timeout is null");
    requireNonNull(converter, "converter is null");
    if (!converter.equals(AVRO) && !converter.equals(JSON)) {
      throw new IllegalArgumentException(
          "Invalid value " + converter + " for --converter: use avro or json\n" + USAGE);
    }
    requireNonNull(root, "root is null");
    requireNonNull(runtimeTarget, "runtimeTarget is null");
    requireNonNull(brokerCoreTarget, "brokerCoreTarget is null");
    requireNonNull(workDir, "workDir is null");
    if (sinkBatch < 0) {
      throw new IllegalArgumentException(
          "--sink-batch must be at least 0, got " + sinkBatch + "\n" + USAGE);
    }
    if (warmupRounds < 0) {
      throw new IllegalArgumentException(
          "--warmup-rounds must be at least 0, got " + warmupRounds + "\n" + USAGE);
    }
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
    int warmupRounds = 1;
    int splitTasks = 4;
    int splitRanges = 16;
    long timeoutSeconds = 900;
    String converter = AVRO;
    int sinkBatch = 0;
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
        case "--warmup-rounds" -> warmupRounds = (int) CommandLineValues.number(name, value);
        case "--split-tasks" -> splitTasks = (int) CommandLineValues.number(name, value);
        case "--split-ranges" -> splitRanges = (int) CommandLineValues.number(name, value);
        case "--timeout-seconds" -> timeoutSeconds = CommandLineValues.number(name, value);
        case "--converter" -> converter = value;
        case "--sink-batch" -> sinkBatch = (int) CommandLineValues.number(name, value);
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
        warmupRounds,
        splitTasks,
        splitRanges,
        Duration.ofSeconds(timeoutSeconds),
        sinkBatch,
        converter,
        root,
        runtimeTarget != null ? runtimeTarget : root.resolve("runtime").resolve("target"),
        brokerCoreTarget != null ? brokerCoreTarget : root.resolve("broker-core").resolve("target"),
        workDir != null ? workDir : root.resolve("bench").resolve("target").resolve("jdbc-bench"));
  }
}
