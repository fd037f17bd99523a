package io.tributary.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.registry.server.testing.EmbeddedRegistry;
import io.tributary.runtime.ConnectorDefinition;
import io.tributary.runtime.testing.TestingRestClient;
import io.tributary.runtime.testing.WorkerProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Oracle-to-Hadoop pipeline of configs/pipelines/oracle-to-hadoop/, end to end, from its own
 * config files: a PostgreSQL table of 200,000 orders (standing in for Oracle: same upper-case
 * names, schema SALES) is loaded by the JDBC source split into 16 ranges over 4 tasks, throttled,
 * with Avro keys and values in the schema registry, into one topic; the HDFS sink writes it to a
 * MiniDFSCluster as Parquet partitioned by the day of ORDERED_AT, and the JDBC sink upserts it into
 * a table of another PostgreSQL database (batch and serving fed by the same data, as in a Lambda
 * architecture). The worker (in its own JVM) is stopped and started again in the middle of the
 * load. At the end the row count and the sums of ORDER_ID and AMOUNT in HDFS (read with
 * parquet-avro's reader) and in the serving table equal the source table's, and every order is in
 * HDFS exactly once, in the directory of its day.
 *
 * <p>Only the environment is replaced in the config files: database URLs and users, the HDFS URL,
 * the schema registry URL, the HDFS sink's rotate.schedule.interval.ms (3 s instead of 5 minutes,
 * so that the last, partial files are committed within the test), and the source's throttle (10,000
 * rows/s instead of 20,000, so that the restart reliably lands mid-load).
 */
class OracleToHadoopPipelineIT {
  static final int ROWS = 200_000;
  static final Path PIPELINE =
      Path.of("..", "configs", "pipelines", "oracle-to-hadoop").toAbsolutePath().normalize();
  static final String TOPIC = "sales-ORDERS";

  @TempDir Path dir;

  @Test
  void ordersReachHdfsAndTheServingTableExactlyOnceAcrossAWorkerRestart() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    try (EmbeddedPostgres postgres =
            EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                .start();
        EmbeddedBroker broker = EmbeddedBroker.start();
        EmbeddedRegistry registry = EmbeddedRegistry.start(broker.bootstrapServers())) {
      cluster.waitActive();
      // Given the "Oracle" table, as Oracle names it (unquoted names are upper case there)
      String sourceUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
      String servingUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/serving";
      execute(
          sourceUrl,
          "CREATE DATABASE serving",
          "CREATE SCHEMA \"SALES\"",
          "CREATE TABLE \"SALES\".\"ORDERS\" (\"ORDER_ID\" BIGINT PRIMARY KEY,"
              + " \"CUSTOMER_ID\" INTEGER NOT NULL, \"STATUS\" VARCHAR(20) NOT NULL,"
              + " \"AMOUNT\" NUMERIC(12, 2) NOT NULL, \"ORDERED_AT\" TIMESTAMP NOT NULL)",
          // 200,000 orders, one every 6 seconds from 2026-11-01: about 14 days
          "INSERT INTO \"SALES\".\"ORDERS\" SELECT g, g % 5000,"
              + " (ARRAY['NEW', 'PAID', 'SHIPPED', 'RETURNED'])[1 + g % 4],"
              + " ((g * 7919) % 100000) / 100.0,"
              + " TIMESTAMP '2026-11-01 00:00:00' + g * INTERVAL '6 seconds'"
              + " FROM generate_series(1, "
              + ROWS
              + ") g");
      Totals source =
          totals(
              sourceUrl,
              "SELECT COUNT(*), SUM(\"ORDER_ID\"), SUM(\"AMOUNT\") FROM \"SALES\".\"ORDERS\"");
      assertThat(source.rows()).isEqualTo(ROWS);

      Path plugins = ConnectorPlugins.linkInto(dir.resolve("plugins"));
      String hdfsUrl = "hdfs://localhost:" + cluster.getNameNodePort() + "/warehouse";
      Map<String, String> environment = new HashMap<>();
      environment.put("key.converter.schema.registry.url", registry.url().toString());
      environment.put("value.converter.schema.registry.url", registry.url().toString());
      environment.put("connection.user", "postgres");
      environment.put("connection.password", "");
      environment.put("hdfs.url", hdfsUrl);
      environment.put("rotate.schedule.interval.ms", "3000");
      // Half the documented rate: the load takes at least 20 s, so that the restart below lands
      // in its middle (after the sinks committed something) even on a fast machine.
      environment.put("throttle.records.per.second", "10000");

      // The worker in its own JVM (the test class path), so that it can be stopped and started
      // again as an operator restarts it: SIGTERM, a clean stop, then a fresh JVM.
      try (WorkerProcess worker =
          WorkerProcess.start(
              dir.resolve("worker"),
              broker.bootstrapServers(),
              Map.of("plugin.path", plugins.toString(), "offset.flush.interval.ms", "2000"))) {
        TestingRestClient rest = new TestingRestClient(worker.restUrl());
        // When the pipeline's connectors are created from its config files
        create(rest, "orders-to-hdfs", environment, Map.of());
        create(rest, "orders-to-postgres", environment, Map.of("connection.url", servingUrl));
        create(rest, "oracle-orders-source", environment, Map.of("connection.url", sourceUrl));

        // and the worker is stopped and started again in the middle of the load
        HdfsOrders hdfs = new HdfsOrders(cluster.getFileSystem(), "/warehouse/topics/" + TOPIC);
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> {
                  assertNoFailure(rest);
                  assertThat(hdfs.committedFiles()).isNotEmpty();
                  assertThat(servingRows(servingUrl)).isPositive();
                });
        long servedBeforeRestart = servingRows(servingUrl);
        assertThat(servedBeforeRestart).as("restarted in the middle of the load").isLessThan(ROWS);
        assertThat(finishedRanges(rest))
            .as("source ranges finished before the restart")
            .isLessThan(16);
        worker.close();
        worker.startAgain();

        // Then HDFS and the serving table end up with every order, once
        await()
            .atMost(Duration.ofSeconds(180))
            .pollInterval(Duration.ofSeconds(2))
            .untilAsserted(
                () -> {
                  assertNoFailure(rest);
                  assertThat(servingRows(servingUrl)).isEqualTo(ROWS);
                  assertThat(hdfs.read().rows()).isGreaterThanOrEqualTo(ROWS);
                });
        assertThat(finishedRanges(rest)).isEqualTo(16);
        // and the topic's keys and values went through the schema registry as Avro
        TestingRestClient schemas =
            new TestingRestClient(java.net.URI.create(registry.url() + "/"));
        assertThat(schemas.get("/subjects").body())
            .extracting(JsonNode::toString)
            .asString()
            .contains("\"" + TOPIC + "-key\"", "\"" + TOPIC + "-value\"");
        HdfsOrders.Contents files = hdfs.read();
        assertThat(files.duplicateIds()).as("orders written twice").isEmpty();
        assertThat(files.misplaced()).as("orders outside their day's directory").isEmpty();
        assertThat(files.days()).hasSize(14);
        assertThat(new Totals(files.rows(), files.idSum(), files.amountSum())).isEqualTo(source);
        assertThat(
                totals(
                    servingUrl,
                    "SELECT COUNT(*), SUM(\"ORDER_ID\"), SUM(\"AMOUNT\") FROM orders_serving"))
            .isEqualTo(source);
      }
    } finally {
      cluster.shutdown();
    }
  }

  /** Row count and sums, compared exactly (amounts with their scale). */
  record Totals(long rows, long idSum, BigDecimal amountSum) {}

  /** Creates a connector from its file in the pipeline folder, with the test's environment. */
  static void create(
      TestingRestClient rest,
      String name,
      Map<String, String> environment,
      Map<String, String> overrides)
      throws Exception {
    ConnectorDefinition definition = ConnectorDefinition.read(PIPELINE.resolve(name + ".json"));
    Map<String, String> config = new HashMap<>(definition.config());
    environment.forEach(
        (key, value) -> {
          if (config.containsKey(key)) {
            config.put(key, value);
          }
        });
    config.putAll(overrides);
    TestingRestClient.Response response =
        rest.post("/connectors", Map.of("name", definition.name(), "config", config));
    assertThat(response.status()).as(response.text()).isEqualTo(201);
  }

  static void assertNoFailure(TestingRestClient rest) {
    for (String name : List.of("oracle-orders-source", "orders-to-hdfs", "orders-to-postgres")) {
      String status = rest.get("/connectors/" + name + "/status").text();
      assertThat(status).as(name).doesNotContain("FAILED");
    }
  }

  /** How many ranges of the split load the source's committed offsets mark as done. */
  static int finishedRanges(TestingRestClient rest) {
    JsonNode offsets = rest.get("/connectors/oracle-orders-source/offsets").body().path("offsets");
    int done = 0;
    for (JsonNode offset : offsets) {
      if (offset.path("partition").has("range") && offset.path("offset").path("done").asBoolean()) {
        done++;
      }
    }
    return done;
  }

  static long servingRows(String url) throws SQLException {
    try (Connection db = DriverManager.getConnection(url, "postgres", "");
        Statement statement = db.createStatement();
        ResultSet tables =
            statement.executeQuery(
                "SELECT COUNT(*) FROM information_schema.tables"
                    + " WHERE table_name = 'orders_serving'")) {
      tables.next();
      if (tables.getLong(1) == 0) {
        return 0;
      }
    }
    return totals(url, "SELECT COUNT(*), 0, 0 FROM orders_serving").rows();
  }

  static Totals totals(String url, String sql) throws SQLException {
    try (Connection db = DriverManager.getConnection(url, "postgres", "");
        Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      BigDecimal amount = result.getBigDecimal(3);
      return new Totals(
          result.getLong(1), result.getLong(2), amount == null ? BigDecimal.ZERO : amount);
    }
  }

  static void execute(String url, String... statements) throws SQLException {
    try (Connection db = DriverManager.getConnection(url, "postgres", "");
        Statement statement = db.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
