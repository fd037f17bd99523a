package io.tributary.runtime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The quickstart: {@code bin/tributary start} with no arguments runs the worker config and
 * connectors in {@code configs/quickstart/}, which tail copies of the shipped sample logs into
 * topics and write them out under the data directory. The configs find the samples and the data
 * directory through the environment variables {@code TRIBUTARY_HOME} and {@code TRIBUTARY_DATA}
 * (the launcher sets both) with Kafka's {@code EnvVarConfigProvider}.
 */
final class Quickstart {
  /** Where the launcher says Tributary lives (the checkout or installation). */
  static final String HOME_PROPERTY = "tributary.home";

  private Quickstart() {}

  static Path home() throws IOException {
    String home = System.getProperty(HOME_PROPERTY, System.getenv("TRIBUTARY_HOME"));
    if (home == null) {
      throw new IOException(
          "--quickstart needs to know where Tributary lives: run it through bin/tributary, or set"
              + " TRIBUTARY_HOME to the folder that holds configs/quickstart");
    }
    return Path.of(home);
  }

  /**
   * Adds the quickstart's worker config (unless one was given) and connector files, and copies the
   * sample logs into {@code <data>/logs} (once; the copies are the user's to append to).
   */
  static void addTo(StartCommand command) throws IOException {
    Path dir = home().resolve("configs").resolve("quickstart");
    if (!Files.isDirectory(dir)) {
      throw new IOException("The quickstart configs are missing: no folder " + dir);
    }
    Path logs = Files.createDirectories(command.dataDir.resolve("logs"));
    try (Stream<Path> samples = Files.list(dir.resolve("sample-logs"))) {
      for (Path sample : samples.toList()) {
        Path copy = logs.resolve(sample.getFileName());
        if (!Files.exists(copy)) {
          Files.copy(sample, copy);
        }
      }
    }
    if (command.configFile == null) {
      command.configFile = dir.resolve("worker.json");
    }
    try (Stream<Path> files = Files.list(dir.resolve("connectors"))) {
      List<Path> connectors =
          files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
      command.connectorFiles.addAll(0, connectors);
    }
  }

  static void printWhereToLook(Path dataDir) {
    Path out = dataDir.resolve("out").toAbsolutePath();
    Path logs = dataDir.resolve("logs").toAbsolutePath();
    System.out.println();
    System.out.println("Quickstart: sample access and application logs in " + logs);
    System.out.println("flow through the topics access-logs and app-logs into files in " + out);
    System.out.println("(a file appears there every 100 records or 3 seconds):");
    System.out.println("  ls " + out);
    System.out.println("  tail -n 3 " + out + "/*.json");
    System.out.println(
        "Append a line and watch it arrive; a multi-line stack trace stays one event:");
    System.out.println(
        "  echo \"$(date -u +%FT%TZ) INFO [demo] Hello - it works\" >> " + logs + "/app.log");
    System.out.println();
  }
}
