package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ClientsPipeline} (kafka-clients alone: file -> topic -> file, no worker) in a JVM of
 * its own with the workers' JVM options, against the run's broker, and checks its sink file line by
 * line like a worker's. What it measures bounds what any Kafka Connect API worker can reach on the
 * same machine and broker.
 */
final class ClientsCeiling {
  private static final Logger LOGGER = LoggerFactory.getLogger(ClientsCeiling.class);
  static final String LABEL = "kafka-clients alone (no worker)";

  private final ConnectBenchSettings settings;
  private final SourceFile source;
  private final Path sourceFile;
  private final long sourceChecksum;
  private final String classpath;

  ClientsCeiling(
      ConnectBenchSettings settings,
      SourceFile source,
      Path sourceFile,
      long sourceChecksum,
      String classpath) {
    this.settings = requireNonNull(settings, "settings is null");
    this.source = requireNonNull(source, "source is null");
    this.sourceFile = requireNonNull(sourceFile, "sourceFile is null");
    this.sourceChecksum = sourceChecksum;
    this.classpath = requireNonNull(classpath, "classpath is null");
  }

  Outcome<ConnectResults.PipelineRun> run(int round, String bootstrapServers) {
    String run = "clients-r" + round;
    Path runDir = settings.workDir().resolve(run);
    Folders.deleteRecursively(runDir);
    Path sink = runDir.resolve("sink.txt");
    Path result = runDir.resolve("result.txt");
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare " + runDir, e);
    }
    LOGGER.info("== round {} of {}: {}", round, settings.rounds(), LABEL);
    try (JvmProcess process =
        JvmProcess.start(
            LABEL,
            classpath,
            WorkerLauncher.WORKER_JVM_OPTIONS,
            ClientsPipeline.class.getName(),
            List.of(
                bootstrapServers,
                "connect-bench-" + run,
                sourceFile.toString(),
                sink.toString(),
                Long.toString(source.lines()),
                result.toString()),
            runDir.resolve("clients.log"))) {
      int exit = process.awaitExit(settings.timeout());
      if (exit != 0 || !Files.exists(result)) {
        return new Outcome.Failed<>(
            "the clients-only pipeline exited with " + exit + "; see " + process.logFile());
      }
      String[] figures = Files.readString(result).trim().split(" ");
      Duration wall = Duration.ofNanos(Long.parseLong(figures[0]));
      Duration cpu = Duration.ofNanos(Long.parseLong(figures[1]));
      SinkCheck.Result check = SinkCheck.check(sink, source, sourceChecksum);
      LOGGER.info("{}: {} ms, {}", LABEL, wall.toMillis(), check.summary());
      return check.ok()
          ? new Outcome.Measured<>(
              new ConnectResults.PipelineRun(
                  wall, source.lines(), Optional.of(cpu), check.summary()))
          : new Outcome.Failed<>(check.summary() + " (see " + runDir + ")");
    } catch (IOException e) {
      return new Outcome.Failed<>("cannot read " + result + ": " + e.getMessage());
    }
  }
}
