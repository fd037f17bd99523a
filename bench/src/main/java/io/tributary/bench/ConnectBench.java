package io.tributary.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same connector pipeline, Apache's FileStreamSource -> topic -> FileStreamSink (connect-file
 * 3.9.1, loaded from {@code plugin.path}), on Tributary's worker and on Apache Kafka Connect's
 * standalone worker, against one broker-core started in its own JVM for the whole run. Each worker
 * runs in its own JVM with the same options and the same worker settings; with several rounds the
 * workers alternate and the report gives medians. Prints a markdown fragment and writes it to
 * {@code <work-dir>/benchmarks-fragment.md} for {@code docs/benchmarks.md}.
 *
 * <p>Run through {@code bench/run-connect-bench}, which builds what is needed first.
 */
public final class ConnectBench {
  private static final Logger LOGGER = LoggerFactory.getLogger(ConnectBench.class);

  private ConnectBench() {}

  public static void main(String[] args) {
    BenchMain.run("run-connect-bench", args, ConnectBenchSettings::parse, ConnectBench::run);
  }

  static void run(ConnectBenchSettings settings) {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Path workDir = settings.workDir();
    Path benchTarget = settings.root().resolve("bench").resolve("target");
    Path connectFile = settings.pluginPath().resolve("connect-file");
    if (!Files.isDirectory(connectFile)) {
      throw new IllegalStateException(
          "No connect-file plugin in "
              + connectFile
              + "; build the bench module first (mvn -B -DskipTests -pl bench -am package)");
    }
    // Fails now, before anything runs, when Tributary's worker is not built.
    Map<String, WorkerLauncher> launchers = new LinkedHashMap<>();
    Path connectLog4j = workDir.resolve("connect-log4j.properties");
    for (String system : settings.systems()) {
      launchers.put(
          system,
          system.equals(ConnectBenchSettings.TRIBUTARY)
              ? new TributaryWorkerLauncher(settings.runtimeTarget())
              : new KafkaConnectLauncher(
                  Classpaths.jarAndLib(benchTarget, "bench-"), connectLog4j));
    }
    Path toolsLog4j = workDir.resolve("tools-log4j.properties");
    BrokerLauncher brokerLauncher =
        settings.broker().equals(BenchSettings.KAFKA)
            ? new KafkaLauncher(
                new ToolRunner(Classpaths.jarAndLib(benchTarget, "bench-"), toolsLog4j))
            : new BrokerCoreLauncher(settings.brokerCoreTarget());

    Folders.deleteRecursively(workDir);
    Path sourcePath = workDir.resolve("source.txt");
    SourceFile source = new SourceFile(settings.lines(), settings.lineBytes());
    long sourceChecksum;
    try {
      Files.createDirectories(workDir);
      Files.writeString(connectLog4j, Log4jConfigs.CONNECT);
      Files.writeString(toolsLog4j, Log4jConfigs.TOOLS);
      LOGGER.info(
          "Writing {} lines of {} bytes to {}", settings.lines(), settings.lineBytes(), sourcePath);
      sourceChecksum = source.write(sourcePath);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare " + workDir, e);
    }
    ConnectPipeline pipeline = new ConnectPipeline(settings, source, sourcePath, sourceChecksum);
    // Issue 4's goal is a ratio to Kafka Connect; the clients-only pipeline shows, in the same run,
    // how far any Connect API worker could go on this machine and broker.
    ClientsCeiling ceiling =
        settings.tributaryFile()
            ? new ClientsCeiling(
                settings,
                source,
                sourcePath,
                sourceChecksum,
                Classpaths.jarAndLib(benchTarget, "bench-"))
            : null;
    List<Outcome<ConnectResults.PipelineRun>> ceilingRuns = new ArrayList<>();

    String loadBefore = MachineInfo.loadAverage();
    Map<String, List<ConnectResults>> results = new LinkedHashMap<>();
    try (BrokerLauncher.RunningBroker broker =
        brokerLauncher.start(workDir.resolve(settings.broker()), settings.partitions())) {
      LOGGER.info("{} is up on {}", brokerLauncher.label(), broker.bootstrapServers());
      for (int round = 1; round <= settings.rounds(); round++) {
        for (Map.Entry<String, WorkerLauncher> entry : launchers.entrySet()) {
          WorkerLauncher launcher = entry.getValue();
          LOGGER.info("== round {} of {}: {}", round, settings.rounds(), launcher.label());
          ConnectResults result =
              pipeline.run(launcher, entry.getKey(), round, broker.bootstrapServers());
          LOGGER.info(
              "{}: start-up {}, pipeline {}",
              launcher.label(),
              result.startup().map(d -> d.toMillis() + " ms").orElse("failed"),
              result
                  .pipeline()
                  .map(
                      p ->
                          String.format(
                              Locale.ROOT,
                              "%.2f s, %,.0f lines/s",
                              ConnectBenchReport.seconds(p.wall()),
                              p.linesPerSecond()))
                  .orElse("failed"));
          results.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(result);
        }
        if (ceiling != null) {
          ceilingRuns.add(ceiling.run(round, broker.bootstrapServers()));
        }
      }
    }
    String loadAfter = MachineInfo.loadAverage();

    Fragments.publish(
        workDir,
        fragment(settings, started, List.copyOf(results.values()), loadBefore, loadAfter)
            + (ceiling == null ? "" : ConnectBenchReport.ceiling(ceilingRuns, results)));
  }

  static String fragment(
      ConnectBenchSettings settings,
      Instant started,
      List<List<ConnectResults>> results,
      String loadBefore,
      String loadAfter) {
    MachineInfo machine = MachineInfo.current();
    StringBuilder md = new StringBuilder();
    md.append(
            settings.tributaryFile()
                ? "### Tributary's file connectors against Apache's FileStream pair, run of "
                : "### Connector pipeline, run of ")
        .append(started)
        .append("\n\n");
    md.append("- Command: `")
        .append(System.getProperty("bench.command", "bench/run-connect-bench"))
        .append("`\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- Pipeline: %s -> topic (%d partition%s) -> %s (connect-file 3.9.1 from"
                + " `plugin.path`, connector defaults: tasks.max 1, batch.size 2000), %,d lines of"
                + " %d bytes; StringConverter for keys and values; offset.flush.interval.ms 10000;"
                + " connectors created with `POST /connectors`; a fresh topic, consumer group and"
                + " offsets file per run; the sink checked line by line against the source after"
                + " each run\n",
            settings.tributaryFile()
                ? "on Kafka Connect, Apache's FileStreamSource"
                : "Apache's FileStreamSource",
            settings.partitions(),
            settings.partitions() == 1 ? "" : "s",
            "FileStreamSink",
            settings.lines(),
            settings.lineBytes()));
    if (settings.tributaryFile()) {
      md.append(
          "- Tributary's worker runs Tributary's own connectors instead (issue 4), bundled with"
              + " the worker (no `plugin.path` needed): `"
              + ConnectPipeline.TRIBUTARY_SOURCE_CONNECTOR
              + "` (file.patterns = the source file, format raw, source.metadata none, tasks.max"
              + " 1, batch.size "
              + ConnectPipeline.TRIBUTARY_SOURCE_BATCH_SIZE
              + ") -> topic -> `"
              + ConnectPipeline.TRIBUTARY_SINK_CONNECTOR
              + "` (format text, compression none, flush.size "
              + ConnectPipeline.TRIBUTARY_SINK_FLUSH_SIZE
              + ", rotate.interval.ms "
              + ConnectPipeline.TRIBUTARY_SINK_ROTATE_INTERVAL_MS
              + "; its completed files `<topic>+<partition>+<first>+<last>.txt`, read in name"
              + " order, are the sink)\n");
    }
    md.append("- Machine: ")
        .append(machine.cores())
        .append(" cores (`nproc`), ")
        .append(machine.memory())
        .append(" RAM, ")
        .append(machine.cpu())
        .append(", ")
        .append(machine.os())
        .append('\n');
    md.append("- Load average (1, 5, 15 min) before / after: ")
        .append(loadBefore)
        .append(" / ")
        .append(loadAfter)
        .append(" (other work on the machine competes with the workers)\n");
    md.append("- Java: ").append(machine.java()).append('\n');
    md.append("- Rounds: ")
        .append(settings.rounds())
        .append(
            settings.rounds() > 1
                ? " (workers alternate; each figure is the median of the rounds)\n"
                : "\n");
    if (settings.broker().equals(BenchSettings.KAFKA)) {
      md.append(
          "- Broker: Apache Kafka 3.9.1 (KRaft, one node) in its own JVM, one for the whole"
              + " run\n");
    } else {
      md.append("- Broker: broker-core in its own JVM, one for the whole run (")
          .append(settings.brokerCoreTarget())
          .append(BrokerBench.gitDescription(settings.root()))
          .append(")\n");
    }
    md.append("- Workers: ").append(String.join(" ", WorkerLauncher.WORKER_JVM_OPTIONS));
    if (settings.systems().contains(ConnectBenchSettings.TRIBUTARY)) {
      md.append("; Tributary: `bin/tributary worker` (")
          .append(TributaryWorkerLauncher.MAIN_CLASS)
          .append(" from ")
          .append(settings.runtimeTarget())
          .append(
              ", with the launcher's class-data-sharing archive, which its first start writes)");
    }
    if (settings.systems().contains(ConnectBenchSettings.KAFKA_CONNECT)) {
      md.append("; Kafka Connect: `")
          .append(KafkaConnectLauncher.MAIN_CLASS)
          .append("` (connect-runtime 3.9.1, log4j at INFO as its stock config)");
    }
    md.append('\n');
    md.append(
        "- How measured: start-up from the JVM launch to the first 200 from `GET /`; wall time"
            + " from just before the first `POST /connectors` to the sink file (Tributary's file"
            + " sink: its completed files together) reaching the source's size (polled every 10"
            + " ms); CPU times are the worker JVM's user + system"
            + " time (`/proc`), which hold up better than wall times when other work shares the"
            + " cores. Kafka Connect keeps its default `plugin.discovery=hybrid_warn`, so its"
            + " start-up includes a reflection scan of its classpath and `plugin.path` (its log"
            + " says how long it took)\n\n");
    md.append(
        settings.tributaryFile()
            ? ConnectBenchReport.table(
                results, ConnectBenchReport.ISSUE_4_LINE_RATIO, "issue 4; start-up: issue 3")
            : ConnectBenchReport.table(results));
    md.append("\nEach round:\n\n").append(ConnectBenchReport.rounds(results));
    String failures = ConnectBenchReport.failures(results.stream().flatMap(List::stream).toList());
    if (!failures.isEmpty()) {
      md.append("\nFailed runs (no figure) and notes:\n\n").append(failures);
    }
    return md.toString();
  }
}
