package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the HDFS sink benchmark runs (issue 7) and where things live.
 *
 * @param records records in the topic the sink reads
 * @param rounds how many times every step runs; the report gives medians
 * @param formats the sink's {@code format} values to run, each on every file system
 * @param fileSystems the file systems to write to: {@code file} (a local directory through {@code
 *     file://}) and {@code hdfs} (a MiniDFSCluster in the harness JVM)
 * @param flushSize the sink's {@code flush.size}: records per committed file
 * @param timeout how long one sink run may take before it counts as failed
 * @param root the repository root
 * @param runtimeTarget Tributary's worker build: runtime/target with its jar and lib/
 * @param brokerCoreTarget the broker-core build: its target folder with the jar and lib/
 * @param benchTarget this module's build: bench/target with its jar and lib/ (the registry's)
 * @param workDir where the broker, the registry, the worker, the files, logs and the report go
 */
record HdfsBenchSettings(
    long records,
    int rounds,
    List<String> formats,
    List<String> fileSystems,
    long flushSize,
    Duration timeout,
    Path root,
    Path runtimeTarget,
    Path brokerCoreTarget,
    Path benchTarget,
    Path workDir) {

  /** The sink's formats this benchmark knows. */
  static final List<String> KNOWN_FORMATS = List.of("avro", "parquet", "json");

  /** The file systems this benchmark knows. */
  static final List<String> KNOWN_FILE_SYSTEMS = List.of("file", "hdfs");

  static final String USAGE =
      "Usage: bench/run-hdfs-bench [--records N] [--rounds N] [--formats avro,parquet]\n"
          + "  --records N        records in the topic (default 1000000)\n"
          + "  --rounds N         run every step N times; report medians (default 1)\n"
          + "  --formats LIST     the sink's formats, of avro, parquet, json (default avro,parquet)\n"
          + "  --file-systems LIST  of file (file://) and hdfs (MiniDFSCluster) (default file,hdfs)\n"
          + "  --flush-size N     the sink's flush.size, records per file (default 100000)\n"
          + "  --timeout-seconds N  give up on one sink run after N s (default 900)\n";

  HdfsBenchSettings {
    formats = List.copyOf(requireNonNull(formats, "formats is null"));
    fileSystems = List.copyOf(requireNonNull(fileSystems, "fileSystems is null"));
    requireNonNull(timeout, "timeout is null");
    requireNonNull(root, "root is null");
    requireNonNull(runtimeTarget, "runtimeTarget is null");
    requireNonNull(brokerCoreTarget, "brokerCoreTarget is null");
    requireNonNull(benchTarget, "benchTarget is null");
    requireNonNull(workDir, "workDir is null");
    if (records < 1 || rounds < 1 || flushSize < 1 || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "--records, --rounds, --flush-size and --timeout-seconds must be at least 1, got "
              + records
              + ", "
              + rounds
              + ", "
              + flushSize
              + " and "
              + timeout.toSeconds());
    }
    if (records % flushSize != 0) {
      throw new IllegalArgumentException(
          "--records ("
              + records
              + ") must be a multiple of --flush-size ("
              + flushSize
              + "): the sink commits a file every flush.size records, and a last, partial file"
              + " would wait for rotate.schedule.interval.ms, which the benchmark leaves off");
    }
    checkSubset("--formats", formats, KNOWN_FORMATS);
    checkSubset("--file-systems", fileSystems, KNOWN_FILE_SYSTEMS);
  }

  /** Parses the command line; fails with a message naming the offending argument. */
  static HdfsBenchSettings parse(String[] args) {
    long records = 1_000_000;
    int rounds = 1;
    List<String> formats = List.of("avro", "parquet");
    List<String> fileSystems = KNOWN_FILE_SYSTEMS;
    long flushSize = 100_000;
    long timeoutSeconds = 900;
    Path root = Path.of("").toAbsolutePath();
    Path workDir = null;
    Path runtimeTarget = null;
    Path brokerCoreTarget = null;
    Path benchTarget = null;
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
        case "--records" -> records = CommandLineValues.number(name, value);
        case "--rounds" -> rounds = (int) CommandLineValues.number(name, value);
        case "--formats" -> formats = list(value);
        case "--file-systems" -> fileSystems = list(value);
        case "--flush-size" -> flushSize = CommandLineValues.number(name, value);
        case "--timeout-seconds" -> timeoutSeconds = CommandLineValues.number(name, value);
        case "--root" -> root = Path.of(value).toAbsolutePath();
        case "--runtime-target" -> runtimeTarget = Path.of(value).toAbsolutePath();
        case "--broker-core-target" -> brokerCoreTarget = Path.of(value).toAbsolutePath();
        case "--bench-target" -> benchTarget = Path.of(value).toAbsolutePath();
        case "--work-dir" -> workDir = Path.of(value).toAbsolutePath();
        default -> throw new IllegalArgumentException("Unknown option " + name + "\n" + USAGE);
      }
    }
    return new HdfsBenchSettings(
        records,
        rounds,
        formats,
        fileSystems,
        flushSize,
        Duration.ofSeconds(timeoutSeconds),
        root,
        runtimeTarget != null ? runtimeTarget : root.resolve("runtime").resolve("target"),
        brokerCoreTarget != null ? brokerCoreTarget : root.resolve("broker-core").resolve("target"),
        benchTarget != null ? benchTarget : root.resolve("bench").resolve("target"),
        workDir != null ? workDir : root.resolve("bench").resolve("target").resolve("hdfs-bench"));
  }

  private static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      String trimmed = item.trim().toLowerCase(Locale.ROOT);
      if (!trimmed.isEmpty() && !items.contains(trimmed)) {
        items.add(trimmed);
      }
    }
    return items;
  }

  private static void checkSubset(String option, List<String> values, List<String> known) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException(option + " needs at least one of " + known);
    }
    for (String value : values) {
      if (!known.contains(value)) {
        throw new IllegalArgumentException(
            "Unknown value " + value + " in " + option + "; use some of " + known);
      }
    }
  }
}
