package io.tributary.runtime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The quickstart: {@code bin/tributary start} with no arguments runs the worker config and
 * connectors in {@code configs/quickstart/}: {@code connectors/} tail copies of the shipped sample
 * logs into topics and write them out under the data directory; {@code warehouse/} copies the
 * orders table of an embedded H2 database (created and filled at first start from {@code
 * warehouse/shop.sql}) into Parquet files by day under {@code <data>/warehouse} (a database to
 * warehouse pipeline with no external system). The configs find the samples and the data directory
 * through the environment variables {@code TRIBUTARY_HOME} and {@code TRIBUTARY_DATA} (the launcher
 * sets both) with Kafka's {@code EnvVarConfigProvider}.
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
    command.connectorFiles.addAll(
        0, connectorFiles(dir.resolve("connectors"), dir.resolve("warehouse")));
  }

  /** The connector files ({@code *.json}) of the given folders, sorted within each folder. */
  static List<Path> connectorFiles(Path... folders) throws IOException {
    List<Path> connectors = new ArrayList<>();
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.list(folder)) {
        connectors.addAll(
            files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList());
      }
    }
    return connectors;
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
    printWarehouse(dataDir);
  }

  private static void printWarehouse(Path dataDir) {
    Path orders = dataDir.resolve("warehouse").resolve("topics").resolve("shop-orders");
    Path shop = dataDir.resolve("shop").resolve("shop").toAbsolutePath();
    Path driver =
        Path.of(
                System.getProperty(
                    HOME_PROPERTY, System.getenv().getOrDefault("TRIBUTARY_HOME", ".")))
            .resolve("connectors/jdbc/target/plugin")
            .toAbsolutePath()
            .normalize();
    System.out.println(
        "Database to warehouse: the orders table of an embedded H2 database ("
            + shop
            + ".mv.db) flows through the topic shop-orders into Parquet files, one folder per day,");
    System.out.println("under " + orders.toAbsolutePath() + " (committed every 10 seconds):");
    System.out.println("  find " + orders.toAbsolutePath() + " -name '*.parquet'");
    System.out.println(
        "Look at them with any Parquet reader, e.g. DuckDB or Spark (Hive-style year=/month=/day="
            + " folders):");
    System.out.println(
        "  duckdb -c \"SELECT * FROM read_parquet('"
            + orders.toAbsolutePath()
            + "/**/*.parquet', hive_partitioning = true)\"");
    System.out.println(
        "Add an order and watch a new file arrive (H2's shell, from the driver jar):");
    System.out.println(
        "  java -cp "
            + driver
            + "/h2-*.jar org.h2.tools.Shell -user sa -url"
            + " 'jdbc:h2:file:"
            + shop
            + ";DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE' -sql \"INSERT INTO orders (customer,"
            + " product, quantity, amount, ordered_at) VALUES ('you', 'mug', 1, 7.25,"
            + " CURRENT_TIMESTAMP)\"");
    System.out.println();
  }
}
