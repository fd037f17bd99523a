package io.tributary.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.common.config.SettingsFiles;
import io.tributary.runtime.ConnectorDefinition;
import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.WorkerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's database-to-warehouse pipeline (configs/quickstart/warehouse/) runs as
 * bin/tributary start runs it, with no external system: the JDBC source opens the embedded H2
 * database under the data directory (created and filled by shop.sql at first open), and the HDFS
 * sink writes committed Parquet files by day under file://<data>/warehouse. An order added from
 * another connection (H2's AUTO_SERVER, as the printed instructions do) arrives too, and every
 * order is in the warehouse once. TRIBUTARY_HOME and TRIBUTARY_DATA come from the failsafe
 * configuration, as bin/tributary sets them.
 */
class QuickstartWarehouseIT {
  static final Path QUICKSTART = Path.of(System.getenv("TRIBUTARY_HOME"), "configs", "quickstart");
  static final Path DATA = Path.of(System.getenv("TRIBUTARY_DATA"));
  static final Path ORDERS = DATA.resolve("warehouse").resolve("topics").resolve("shop-orders");

  @TempDir Path dir;

  @Test
  void theShopsOrdersLandInTheWarehouseAsParquetByDay() throws Exception {
    // Given the quickstart's worker settings and warehouse connectors, on a fresh data directory
    deleteRecursively(DATA.resolve("warehouse"));
    deleteRecursively(DATA.resolve("shop"));
    Map<String, String> settings =
        new HashMap<>(SettingsFiles.load(QUICKSTART.resolve("worker.json")));
    List<ConnectorDefinition> connectors = new ArrayList<>();
    try (Stream<Path> files = Files.list(QUICKSTART.resolve("warehouse"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        connectors.add(ConnectorDefinition.read(file));
      }
    }
    assertThat(connectors).hasSize(2);

    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      settings.put("bootstrap.servers", broker.bootstrapServers());
      settings.put("listeners", "http://127.0.0.1:0");
      settings.put("plugin.path", ConnectorPlugins.linkInto(dir.resolve("plugins")).toString());
      settings.put("offset.storage.file.filename", dir.resolve("offsets.json").toString());
      settings.put("config.storage.file.filename", dir.resolve("connectors.json").toString());

      // When the worker starts with them
      try (WorkerRuntime worker = WorkerRuntime.start(new WorkerConfig(settings), connectors)) {
        // Then the 30 sample orders land in committed Parquet files, one folder per day
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> committedOrders().size() >= 30);
        Map<Long, String> orders = committedOrders();
        assertThat(orders).hasSize(30);
        assertThat(orders.keySet()).allMatch(id -> id >= 1 && id <= 30);
        assertThat(orders.values())
            .containsOnly(
                "year=2026/month=11/day=20",
                "year=2026/month=11/day=21",
                "year=2026/month=11/day=22");

        // and an order added from another connection, as the quickstart tells, arrives once
        String url =
            "jdbc:h2:file:"
                + DATA.resolve("shop").resolve("shop")
                + ";DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE";
        try (Connection shop = DriverManager.getConnection(url, "sa", "");
            Statement statement = shop.createStatement()) {
          statement.execute(
              "INSERT INTO orders (customer, product, quantity, amount, ordered_at)"
                  + " VALUES ('you', 'mug', 1, 7.25, TIMESTAMP '2026-11-23 09:30:00')");
        }
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> committedOrders().size() >= 31);
        orders = committedOrders();
        assertThat(orders).hasSize(31).containsEntry(1000L, "year=2026/month=11/day=23");
      }
    }
  }

  /**
   * Order id to its day folder, over all committed Parquet files (read with parquet-avro's reader);
   * an id in two files fails the test.
   */
  static Map<Long, String> committedOrders() throws IOException {
    Map<Long, String> orders = new TreeMap<>();
    if (!Files.isDirectory(ORDERS)) {
      return orders;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(ORDERS)) {
      files = walk.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    Configuration conf = new Configuration();
    for (Path file : files) {
      String day = ORDERS.relativize(file.getParent()).toString();
      try (ParquetReader<GenericRecord> reader =
          AvroParquetReader.<GenericRecord>builder(
                  HadoopInputFile.fromPath(
                      new org.apache.hadoop.fs.Path(file.toUri().toString()), conf))
              .build()) {
        for (GenericRecord order = reader.read(); order != null; order = reader.read()) {
          long id = ((Number) order.get("id")).longValue();
          String previous = orders.put(id, day);
          assertThat(previous).as("order " + id + " written twice").isNull();
        }
      }
    }
    return orders;
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
