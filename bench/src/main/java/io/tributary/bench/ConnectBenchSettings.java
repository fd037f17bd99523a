package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the connector benchmark runs: the workload (the same for every worker) and where things
 * live.
 *
 * @param lines lines in the source file
 * @param lineBytes bytes per line, without its newline
 * @param partitions partitions of each benchmark topic (the broker's num.partitions)
 * @param rounds how many times each worker runs the pipeline, alternating
 * @param systems which workers to run: "tributary", "kafka-connect" or both, in that order
 * @param broker the broker both workers use: "broker-core" (the default) or "kafka" (Apache Kafka
 *     3.9.1, to tell a worker's figures from the broker's)
 * @param timeout how long one pipeline may take before its run counts as failed
 * @param root the repository root
 * @param runtimeTarget Tributary's worker build: runtime/target with its jar and lib/
 * @param brokerCoreTarget the broker-core build: its target folder with the jar and lib/
 * @param workDir where the source file, worker folders, logs and the report go
 * @param pipeline the connectors Tributary's worker runs: "apache-file" (the default: Apache's
 *     FileStreamSource -> FileStreamSink, the same pair as Kafka Connect) or "tributary-file"
 *     (Tributary's own FileSourceConnector -> FileSinkConnector, issue 4); Kafka Connect always
 *     runs Apache's pair
 */
record ConnectBenchSettings(
    long lines,
    int lineBytes,
    int partitions,
    int rounds,
    List<String> systems,
    String broker,
    Duration timeout,
    Path root,
    Path runtimeTarget,
    Path brokerCoreTarget,
    Path workDir,
    String pipeline) {
  static final String TRIBUTARY = "tributary";
  static final String KAFKA_CONNECT = "kafka-connect";

  /** Apache's FileStreamSource -> FileStreamSink on both workers (issue 3). */
  static final String APACHE_FILE = "apache-file";

  /** Tributary's own file source -> file sink on Tributary's worker (issue 4). */
  static final String TRIBUTARY_FILE = "tributary-file";

  static final String USAGE =
      "Usage: bench/run-connect-bench [--lines N] [--rounds N] [--systems"
          + " tributary,kafka-connect]\n"
          + "  --lines N          lines of 100 bytes in the source file (default 1000000)\n"
          + "  --rounds N         run each worker N times, alternating; report medians (default 1)\n"
          + "  --systems LIST     tributary, kafka-connect or both (default both)\n"
          + "  --pipeline NAME    the connectors on Tributary's worker: apache-file (default,\n"
          + "                     Apache's FileStream pair as on Kafka Connect) or tributary-file\n"
          + "                     (Tributary's file source and file sink; Kafka Connect still runs\n"
          + "                     Apache's pair)\n"
          + "  --broker NAME      broker-core (default) or kafka (Apache Kafka 3.9.1, KRaft)\n"
          + "  --partitions N     partitions of the benchmark topics (default 1)\n"
          + "  --timeout-seconds N  give up on one pipeline run after N s (default 600)\n"
          + "  --root DIR         repository root (default: current directory)\n"
          + "  --runtime-target DIR      Tributary's worker build (default: ROOT/runtime/target)\n"
          + "  --broker-core-target DIR  the broker-core build (default: ROOT/broker-core/target)\n"
          + "  --work-dir DIR     data, logs and report (default: ROOT/bench/target/connect-bench)";

  ConnectBenchSettings {
    requireNonNull(systems, "systems is null");
    requireNonNull(broker, "broker is null");
    requireNonNull(timeout, "timeout is null");
    requireNonNull(root, "root is null");
    requireNonNull(runtimeTarget, "runtimeTarget is null");
    requireNonNull(brokerCoreTarget, "brokerCoreTarget is null");
    requireNonNull(workDir, "workDir is null");
    requireNonNull(pipeline, "pipeline is null");
    if (!pipeline.equals(APACHE_FILE) && !pipeline.equals(TRIBUTARY_FILE)) {
      throw new IllegalArgumentException(
          "Unknown pipeline '" + pipeline + "' in --pipeline; use apache-file or tributary-file");
    }
    systems = List.copyOf(systems);
    if (lines < 1 || rounds < 1 || partitions < 1 || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "--lines, --rounds, --partitions and --timeout-seconds must be at least 1, got "
              + lines
              + ", "
              + rounds
              + ", "
              + partitions
              + " and "
              + timeout.toSeconds());
    }
    if (lineBytes < SourceFile.MIN_LINE_BYTES) {
      throw new IllegalArgumentException(
          "lineBytes must be at least " + SourceFile.MIN_LINE_BYTES + ", got " + lineBytes);
    }
    if (systems.isEmpty()) {
      throw new IllegalArgumentException(
          "--systems is empty; use tributary, kafka-connect or both");
    }
    for (String system : systems) {
      if (!system.equals(TRIBUTARY) && !system.equals(KAFKA_CONNECT)) {
        throw new IllegalArgumentException(
            "Unknown system '" + system + "' in --systems; use tributary, kafka-connect or both");
      }
    }
    if (!broker.equals(BenchSettings.BROKER_CORE) && !broker.equals(BenchSettings.KAFKA)) {
      throw new IllegalArgumentException(
          "Unknown broker '" + broker + "' in --broker; use broker-core or kafka");
    }
    if (systems.size() != systems.stream().distinct().count()) {
      throw new IllegalArgumentException("--systems names a system twice: " + systems);
    }
  }

  /** Parses the command line; fails with a message naming the offending argument. */
  static ConnectBenchSettings parse(String[] args) {
    long lines = 1_000_000;
    int rounds = 1;
    int partitions = 1;
    long timeoutSeconds = 600;
    List<String> systems = List.of(TRIBUTARY, KAFKA_CONNECT);
    String broker = BenchSettings.BROKER_CORE;
    String pipeline = APACHE_FILE;
    Path root = Path.of("").toAbsolutePath();
    Path workDir = null;
    Path runtimeTarget = null;
    Path brokerCoreTarget = null;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("Missing value after " + name + "\n" + USAGE);
      }
      String value = args[++i];
      switch (name) {
        case "--lines" -> lines = CommandLineValues.number(name, value);
        case "--rounds" -> rounds = (int) CommandLineValues.number(name, value);
        case "--partitions" -> partitions = (int) CommandLineValues.number(name, value);
        case "--timeout-seconds" -> timeoutSeconds = CommandLineValues.number(name, value);
        case "--systems" -> systems = CommandLineValues.list(value);
        case "--broker" -> broker = value;
        case "--pipeline" -> pipeline = value;
        case "--root" -> root = Path.of(value).toAbsolutePath();
        case "--runtime-target" -> runtimeTarget = Path.of(value).toAbsolutePath();
        case "--broker-core-target" -> brokerCoreTarget = Path.of(value).toAbsolutePath();
        case "--work-dir" -> workDir = Path.of(value).toAbsolutePath();
        default -> throw new IllegalArgumentException("Unknown option " + name + "\n" + USAGE);
      }
    }
    return new ConnectBenchSettings(
        lines,
        100,
        partitions,
        rounds,
        systems,
        broker,
        Duration.ofSeconds(timeoutSeconds),
        root,
        runtimeTarget != null ? runtimeTarget : root.resolve("runtime").resolve("target"),
        brokerCoreTarget != null ? brokerCoreTarget : root.resolve("broker-core").resolve("target"),
        workDir != null
            ? workDir
            : root.resolve("bench").resolve("target").resolve("connect-bench"),
        pipeline);
  }

  /** Whether Tributary's worker runs Tributary's own file connectors (issue 4). */
  boolean tributaryFile() {
    return pipeline.equals(TRIBUTARY_FILE);
  }

  /** The folder both workers get as {@code plugin.path}: it holds connect-file/. */
  Path pluginPath() {
    return root.resolve("bench").resolve("target").resolve("connect-plugins");
  }
}
