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
 * Side-by-side benchmark of broker-core and Apache Kafka with Apache Kafka's own perf tools. Each
 * broker runs in its own JVM on loopback, one after the other, with the same JVM options and
 * workload; each tool runs in its own JVM. Prints a markdown table and writes it, with the machine
 * and settings, to {@code <work-dir>/benchmarks-fragment.md} for {@code docs/benchmarks.md}.
 *
 * <p>Run through {@code bench/run-broker-bench}, which builds what is needed first.
 */
public final class BrokerBench {
  private static final Logger LOGGER = LoggerFactory.getLogger(BrokerBench.class);

  private BrokerBench() {}

  public static void main(String[] args) {
    BenchMain.run("run-broker-bench", args, BenchSettings::parse, BrokerBench::run);
  }

  static void run(BenchSettings settings) {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Path workDir = settings.workDir();
    Path benchTarget = settings.root().resolve("bench").resolve("target");
    Path toolsLog4j = workDir.resolve("tools-log4j.properties");
    try {
      Files.createDirectories(workDir);
      Files.writeString(toolsLog4j, Log4jConfigs.TOOLS);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare " + workDir, e);
    }
    ToolRunner tools = new ToolRunner(Classpaths.jarAndLib(benchTarget, "bench-"), toolsLog4j);
    BrokerWorkload workload = new BrokerWorkload(settings, tools);

    String loadBefore = MachineInfo.loadAverage();
    Map<String, List<BrokerResults>> results = new LinkedHashMap<>();
    for (int round = 1; round <= settings.rounds(); round++) {
      for (String name : settings.brokers()) {
        BrokerLauncher launcher =
            name.equals(BenchSettings.BROKER_CORE)
                ? new BrokerCoreLauncher(settings.brokerCoreTarget())
                : new KafkaLauncher(tools);
        Path brokerDir = workDir.resolve(name);
        Folders.deleteRecursively(brokerDir);
        LOGGER.info(
            "== round {} of {}, {}: starting (work folder {})",
            round,
            settings.rounds(),
            launcher.label(),
            brokerDir);
        try (BrokerLauncher.RunningBroker broker =
            launcher.start(brokerDir, settings.partitions())) {
          LOGGER.info("{} is up on {}", launcher.label(), broker.bootstrapServers());
          results
              .computeIfAbsent(name, n -> new ArrayList<>())
              .add(workload.run(launcher.label(), broker.bootstrapServers(), brokerDir));
        }
        LOGGER.info("{} stopped", launcher.label());
      }
    }
    String loadAfter = MachineInfo.loadAverage();

    Fragments.publish(
        workDir, fragment(settings, started, List.copyOf(results.values()), loadBefore, loadAfter));
  }

  static String fragment(
      BenchSettings settings,
      Instant started,
      List<List<BrokerResults>> results,
      String loadBefore,
      String loadAfter) {
    MachineInfo machine = MachineInfo.current();
    StringBuilder md = new StringBuilder();
    md.append("### Run of ").append(started).append("\n\n");
    md.append("- Command: `")
        .append(System.getProperty("bench.command", "bench/run-broker-bench"))
        .append("`\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- Workload: %,d records of %d bytes per producer and consumer run, %d partitions,"
                + " batch.size %d, linger.ms %d, records spread evenly (EvenBatchPartitioner); EndToEndLatency %,d records one at a time\n",
            settings.records(),
            settings.recordSize(),
            settings.partitions(),
            settings.batchSize(),
            settings.lingerMs(),
            settings.endToEndMessages()));
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
        .append(" (other work on the machine competes with the brokers)\n");
    md.append("- Java: ").append(machine.java()).append('\n');
    md.append("- Rounds: ")
        .append(settings.rounds())
        .append(
            settings.rounds() > 1
                ? " (brokers alternate; each figure is the median of the rounds)\n"
                : "\n");
    md.append("- broker-core build: ")
        .append(settings.brokerCoreTarget())
        .append(
            settings.brokerCoreTarget().equals(settings.root().resolve("broker-core/target"))
                ? gitDescription(settings.root())
                : "")
        .append('\n');
    md.append("- Brokers: ")
        .append(String.join(" ", BrokerLauncher.BROKER_JVM_OPTIONS))
        .append("; Apache Kafka 3.9.1 (KRaft, one node); tools from kafka-tools 3.9.1\n\n");
    md.append(BenchReport.table(results));
    if (settings.rounds() > 1) {
      md.append("\nEach round:\n\n").append(BenchReport.rounds(results));
    }
    String failures = BenchReport.failures(results.stream().flatMap(List::stream).toList());
    if (!failures.isEmpty()) {
      md.append("\nFailed steps (no figure) and notes:\n\n").append(failures);
    }
    return md.toString();
  }

  /** " (commit abc1234 on branch x)" for the repository at root, or "" when git cannot say. */
  static String gitDescription(Path root) {
    try {
      Process git =
          new ProcessBuilder("git", "-C", root.toString(), "log", "-1", "--format=%h %s")
              .redirectErrorStream(true)
              .start();
      String head = new String(git.getInputStream().readAllBytes()).trim();
      return git.waitFor() == 0 && !head.isEmpty() ? " (repository at " + head + ")" : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
