package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * Runs Tributary's worker alone from the runtime module's build, the way {@code bin/tributary
 * worker} does: {@code java -cp runtime.jar:lib/* io.tributary.runtime.cli.Tributary worker
 * --config worker.properties}.
 */
final class TributaryWorkerLauncher implements WorkerLauncher {
  static final String MAIN_CLASS = "io.tributary.runtime.cli.Tributary";

  private final Path launcher;

  /**
   * Checks that {@code runtimeTarget} holds a runtime jar with the launcher and its lib/ folder;
   * fails with what to do otherwise.
   */
  TributaryWorkerLauncher(Path runtimeTarget) {
    requireNonNull(runtimeTarget, "runtimeTarget is null");
    String hint =
        "; build it (mvn -B -DskipTests -pl bench,runtime -am package, which"
            + " bench/run-connect-bench does) or leave Tributary out with --systems kafka-connect";
    if (!Files.isDirectory(runtimeTarget)) {
      throw new IllegalStateException(
          "Tributary's worker is not built: no " + runtimeTarget + hint);
    }
    String found;
    try {
      found = Classpaths.jarAndLib(runtimeTarget, "runtime-");
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Tributary's worker is not built: " + e.getMessage() + hint, e);
    }
    Path jar = Path.of(found.substring(0, found.indexOf(java.io.File.pathSeparator)));
    String entry = MAIN_CLASS.replace('.', '/') + ".class";
    try (JarFile jarFile = new JarFile(jar.toFile())) {
      if (jarFile.getEntry(entry) == null) {
        throw new IllegalStateException(
            "Tributary's worker launcher "
                + MAIN_CLASS
                + " is not in "
                + jar
                + " (the runtime module of this checkout has no launcher yet)"
                + hint);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + jar, e);
    }
    this.launcher = runtimeTarget.toAbsolutePath().getParent().getParent().resolve("bin/tributary");
  }

  @Override
  public String label() {
    return "Tributary";
  }

  /**
   * Starts the worker as users do, through {@code bin/tributary worker} (which {@code exec}s the
   * JVM with the launcher's class-data-sharing archive, written by the first run), with the same
   * JVM options as Kafka Connect's in {@code TRIBUTARY_JAVA_OPTS}, plus those in the environment
   * variable {@code BENCH_TRIBUTARY_EXTRA_OPTS} (e.g. a JFR recording for profiling).
   */
  @Override
  public JvmProcess start(Path workerProperties, Path logFile) {
    return JvmProcess.startCommand(
        label(),
        List.of(launcher.toString(), "worker", "--config", workerProperties.toString()),
        // The harness built everything already; a launch must not rebuild inside the measurement.
        Map.of(
            "TRIBUTARY_JAVA_OPTS",
            String.join(" ", WORKER_JVM_OPTIONS)
                + " "
                + System.getenv().getOrDefault("BENCH_TRIBUTARY_EXTRA_OPTS", ""),
            "TRIBUTARY_SKIP_BUILD",
            "1"),
        logFile);
  }
}
