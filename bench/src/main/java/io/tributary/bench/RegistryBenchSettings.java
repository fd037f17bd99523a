package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * What the schema registry benchmark runs and where things live.
 *
 * @param rounds how many times the whole benchmark runs; the report gives medians
 * @param schemas distinct schemas registered per round by one client, and as many again by the
 *     concurrent clients
 * @param clients concurrent clients (threads) for the concurrent registrations
 * @param lookups timed lookups per kind (by id, by schema; uncached and cached)
 * @param records records each converter converts per direction, after as many warm-up records (at
 *     most {@link #MAX_WARMUP_RECORDS})
 * @param root the repository root
 * @param brokerCoreTarget the broker-core build: its target folder with the jar and lib/
 * @param workDir where the broker's data, the logs and the report go
 */
record RegistryBenchSettings(
    int rounds,
    int schemas,
    int clients,
    int lookups,
    long records,
    Path root,
    Path brokerCoreTarget,
    Path workDir) {
  /** Warm-up records per converter and direction: as many as measured, up to this many. */
  static final long MAX_WARMUP_RECORDS = 100_000;

  static final String USAGE =
      "Usage: bench/run-registry-bench [--rounds N] [--schemas N] [--records N]\n"
          + "  --rounds N         run everything N times; report medians (default 1)\n"
          + "  --schemas N        distinct schemas registered per round, by one client and again\n"
          + "                     by the concurrent clients (default 1000)\n"
          + "  --clients N        concurrent registering clients (default 8)\n"
          + "  --lookups N        timed lookups of each kind (default 2000)\n"
          + "  --records N        records per converter and direction (default 500000)\n"
          + "  --root DIR         repository root (default: current directory)\n"
          + "  --broker-core-target DIR  the broker-core build (default: ROOT/broker-core/target)\n"
          + "  --work-dir DIR     data, logs and report (default: ROOT/bench/target/registry-bench)";

  RegistryBenchSettings {
    requireNonNull(root, "root is null");
    requireNonNull(brokerCoreTarget, "brokerCoreTarget is null");
    requireNonNull(workDir, "workDir is null");
    if (rounds < 1 || schemas < 1 || clients < 1 || lookups < 1 || records < 1) {
      throw new IllegalArgumentException(
          "--rounds, --schemas, --clients, --lookups and --records must be at least 1, got "
              + rounds
              + ", "
              + schemas
              + ", "
              + clients
              + ", "
              + lookups
              + " and "
              + records);
    }
  }

  /** Parses the command line; fails with a message naming the offending argument. */
  static RegistryBenchSettings parse(String[] args) {
    int rounds = 1;
    int schemas = 1000;
    int clients = 8;
    int lookups = 2000;
    long records = 500_000;
    Path root = Path.of("").toAbsolutePath();
    Path brokerCoreTarget = null;
    Path workDir = null;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("Missing value after " + name + "\n" + USAGE);
      }
      String value = args[++i];
      switch (name) {
        case "--rounds" -> rounds = intValue(name, value);
        case "--schemas" -> schemas = intValue(name, value);
        case "--clients" -> clients = intValue(name, value);
        case "--lookups" -> lookups = intValue(name, value);
        case "--records" -> records = CommandLineValues.number(name, value);
        case "--root" -> root = Path.of(value).toAbsolutePath();
        case "--broker-core-target" -> brokerCoreTarget = Path.of(value).toAbsolutePath();
        case "--work-dir" -> workDir = Path.of(value).toAbsolutePath();
        default -> throw new IllegalArgumentException("Unknown option " + name + "\n" + USAGE);
      }
    }
    return new RegistryBenchSettings(
        rounds,
        schemas,
        clients,
        lookups,
        records,
        root,
        brokerCoreTarget != null ? brokerCoreTarget : root.resolve("broker-core").resolve("target"),
        workDir != null
            ? workDir
            : root.resolve("bench").resolve("target").resolve("registry-bench"));
  }

  private static int intValue(String name, String value) {
    long number = CommandLineValues.number(name, value);
    if (number > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Invalid value " + value + " for " + name + ": too large");
    }
    return (int) number;
  }

  /** Warm-up records per converter and direction. */
  long warmupRecords() {
    return Math.min(records, MAX_WARMUP_RECORDS);
  }
}
