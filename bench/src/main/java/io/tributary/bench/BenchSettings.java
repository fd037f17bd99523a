package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What to run: the workload (the same for both brokers) and where things live.
 *
 * @param records records per producer run and per consumer run
 * @param recordSize bytes per record value
 * @param partitions partitions of every benchmark topic
 * @param batchSize producer batch.size in bytes
 * @param lingerMs producer linger.ms
 * @param endToEndMessages records sent one at a time by EndToEndLatency
 * @param rounds how many times each broker runs the whole workload, alternating
 * @param brokers which brokers to run: "broker-core", "kafka" or both, in that order
 * @param root the repository root (bench/target lives under it)
 * @param brokerCoreTarget the broker-core build to run: its target folder with the jar and lib/
 * @param workDir where broker data, tool logs and the report go
 */
record BenchSettings(
    long records,
    int recordSize,
    int partitions,
    int batchSize,
    int lingerMs,
    int endToEndMessages,
    int rounds,
    List<String> brokers,
    Path root,
    Path brokerCoreTarget,
    Path workDir) {
  static final String BROKER_CORE = "broker-core";
  static final String KAFKA = "kafka";

  static final String USAGE =
      "Usage: bench/run-broker-bench [--records N] [--e2e-messages N] [--brokers"
          + " broker-core,kafka]\n"
          + "  --records N        records per producer and consumer run (default 5000000)\n"
          + "  --e2e-messages N   records EndToEndLatency sends one by one (default 10000)\n"
          + "  --rounds N         run each broker N times, alternating; report medians"
          + " (default 1)\n"
          + "  --brokers LIST     broker-core, kafka or both (default both)\n"
          + "  --root DIR         repository root (default: current directory)\n"
          + "  --broker-core-target DIR  the broker-core build to run (default:"
          + " ROOT/broker-core/target)\n"
          + "  --work-dir DIR     data, logs and report (default: ROOT/bench/target/broker-bench)";

  BenchSettings {
    requireNonNull(brokers, "brokers is null");
    requireNonNull(root, "root is null");
    requireNonNull(brokerCoreTarget, "brokerCoreTarget is null");
    requireNonNull(workDir, "workDir is null");
    brokers = List.copyOf(brokers);
    if (records < 1 || endToEndMessages < 1 || rounds < 1) {
      throw new IllegalArgumentException(
          "--records, --e2e-messages and --rounds must be at least 1, got "
              + records
              + ", "
              + endToEndMessages
              + " and "
              + rounds);
    }
    for (String broker : brokers) {
      if (!broker.equals(BROKER_CORE) && !broker.equals(KAFKA)) {
        throw new IllegalArgumentException(
            "Unknown broker '" + broker + "' in --brokers; use broker-core, kafka or both");
      }
    }
  }

  /** Parses the command line; fails with a message naming the offending argument. */
  static BenchSettings parse(String[] args) {
    long records = 5_000_000;
    int endToEndMessages = 10_000;
    int rounds = 1;
    List<String> brokers = List.of(BROKER_CORE, KAFKA);
    Path root = Path.of("").toAbsolutePath();
    Path workDir = null;
    Path brokerCoreTarget = null;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("Missing value after " + name + "\n" + USAGE);
      }
      String value = args[++i];
      switch (name) {
        case "--records" -> records = CommandLineValues.number(name, value);
        case "--e2e-messages" -> endToEndMessages = (int) CommandLineValues.number(name, value);
        case "--rounds" -> rounds = (int) CommandLineValues.number(name, value);
        case "--brokers" -> brokers = CommandLineValues.list(value);
        case "--root" -> root = Path.of(value).toAbsolutePath();
        case "--broker-core-target" -> brokerCoreTarget = Path.of(value).toAbsolutePath();
        case "--work-dir" -> workDir = Path.of(value).toAbsolutePath();
        default -> throw new IllegalArgumentException("Unknown option " + name + "\n" + USAGE);
      }
    }
    if (workDir == null) {
      workDir = root.resolve("bench").resolve("target").resolve("broker-bench");
    }
    if (brokerCoreTarget == null) {
      brokerCoreTarget = root.resolve("broker-core").resolve("target");
    }
    return new BenchSettings(
        records,
        100,
        6,
        64 * 1024,
        5,
        endToEndMessages,
        rounds,
        brokers,
        root,
        brokerCoreTarget,
        workDir);
  }
}
