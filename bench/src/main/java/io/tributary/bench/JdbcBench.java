package io.tributary.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 6's benchmark: on one PostgreSQL table, Tributary's JDBC source (bulk, 1 task and split
 * across several) end to end into the log beside {@code COPY (SELECT ...) TO STDOUT}, and its JDBC
 * sink (insert and upsert) from that topic into fresh tables beside {@code COPY ... FROM STDIN} and
 * a batched upsert. PostgreSQL (embedded), broker-core and Tributary's worker each run in their own
 * process for the whole run; the baselines run in this JVM through the same driver. Prints a
 * markdown fragment and writes it to {@code <work-dir>/benchmarks-fragment.md}.
 *
 * <p>Run through {@code bench/run-jdbc-bench}, which builds what is needed first.
 */
public final class JdbcBench {
  private static final Logger LOGGER = LoggerFactory.getLogger(JdbcBench.class);
  static final String AVRO_CONVERTER = "io.tributary.registry.converter.AvroConverter";

  private JdbcBench() {}

  public static void main(String[] args) {
    BenchMain.run("run-jdbc-bench", args, JdbcBenchSettings::parse, JdbcBench::run);
    // The embedded database's helper threads would keep the JVM alive.
    System.exit(0);
  }

  static void run(JdbcBenchSettings settings) {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Path workDir = settings.workDir();
    // Fails now, before anything runs, when Tributary's worker is not built.
    TributaryWorkerLauncher launcher = new TributaryWorkerLauncher(settings.runtimeTarget());
    BrokerCoreLauncher brokerLauncher = new BrokerCoreLauncher(settings.brokerCoreTarget());
    Path jdbcPlugin = settings.root().resolve("connectors/jdbc/target/plugin");
    if (!Files.isDirectory(jdbcPlugin)) {
      throw new IllegalStateException(
          "No JDBC connector plugin in "
              + jdbcPlugin
              + "; build it (mvn -B -DskipTests -pl connectors/jdbc -am package)");
    }
    Folders.deleteRecursively(workDir);
    try {
      Files.createDirectories(workDir.resolve("plugins"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + workDir, e);
    }

    String loadBefore = MachineInfo.loadAverage();
    List<JdbcResults> results = new ArrayList<>();
    try (JdbcBenchDatabase database = JdbcBenchDatabase.start(workDir);
        BrokerLauncher.RunningBroker broker =
            brokerLauncher.start(workDir.resolve("broker-core"), 1)) {
      LOGGER.info("PostgreSQL on {}; creating {} rows", database.jdbcUrl(), settings.rows());
      database.createSourceTable(settings.rows());
      int restPort = BrokerLauncher.freePort();
      Path workerProperties = workDir.resolve("worker.properties");
      try (RegistryLauncher.RunningRegistry registry =
              settings.converter().equals(JdbcBenchSettings.AVRO)
                  ? startRegistry(settings, workDir, broker.bootstrapServers())
                  : null;
          JvmProcess worker =
              launcher.start(
                  writeWorkerProperties(
                      workerProperties,
                      workerProperties(
                          broker.bootstrapServers(),
                          restPort,
                          workDir,
                          Optional.ofNullable(registry)
                              .map(RegistryLauncher.RunningRegistry::url))),
                  workDir.resolve("worker.log"))) {
        ConnectRestClient rest = new ConnectRestClient(URI.create("http://127.0.0.1:" + restPort));
        new WorkerConnectors(rest, worker).awaitRoot();
        JdbcConnectorRuns connectors =
            new JdbcConnectorRuns(settings, database, rest, worker, broker.bootstrapServers());
        JdbcBaselines baselines = new JdbcBaselines(database, workDir.resolve("rows.copy"));
        Optional<JdbcClientsCeiling> ceiling =
            Optional.ofNullable(registry)
                .map(r -> new JdbcClientsCeiling(database, broker.bootstrapServers(), r.url()));
        Optional<JdbcClientsSinkCeiling> sinkCeiling =
            Optional.ofNullable(registry)
                .map(r -> new JdbcClientsSinkCeiling(database, broker.bootstrapServers(), r.url()));
        // Warm-up rounds (numbered 0, -1, ...) run the same steps unreported: a worker is a
        // long-running service, and the JIT's first compilations would otherwise be timed.
        for (int round = 1 - settings.warmupRounds(); round <= settings.rounds(); round++) {
          JdbcResults result =
              round(settings, database, connectors, baselines, ceiling, sinkCeiling, round);
          if (round >= 1) {
            results.add(result);
          }
        }
      }
    }
    String loadAfter = MachineInfo.loadAverage();
    Fragments.publish(workDir, fragment(settings, started, results, loadBefore, loadAfter));
  }

  /** Tributary's schema registry in its own JVM on the benchmark's broker. */
  private static RegistryLauncher.RunningRegistry startRegistry(
      JdbcBenchSettings settings, Path workDir, String bootstrapServers) {
    Path log4j = workDir.resolve("registry-log4j.properties");
    try {
      Files.writeString(log4j, Log4jConfigs.REGISTRY);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + log4j, e);
    }
    RegistryLauncher launcher =
        new RegistryLauncher(
            Classpaths.jarAndLib(settings.root().resolve("bench").resolve("target"), "bench-"));
    return launcher.start(workDir, bootstrapServers, log4j);
  }

  private static JdbcResults round(
      JdbcBenchSettings settings,
      JdbcBenchDatabase database,
      JdbcConnectorRuns connectors,
      JdbcBaselines baselines,
      Optional<JdbcClientsCeiling> ceiling,
      Optional<JdbcClientsSinkCeiling> sinkCeiling,
      int round) {
    long rows = settings.rows();
    Map<JdbcStep, Outcome<JdbcResults.Timing>> steps = new EnumMap<>(JdbcStep.class);
    String oneTaskPrefix = "jdbc-r" + round + "-one-";
    step(
        steps,
        round,
        JdbcStep.SOURCE_ONE_TASK,
        () -> connectors.source("jdbc-source-r" + round + "-one", oneTaskPrefix, 1, 1));
    step(
        steps,
        round,
        JdbcStep.SOURCE_SPLIT,
        () ->
            connectors.source(
                "jdbc-source-r" + round + "-split",
                "jdbc-r" + round + "-split-",
                settings.splitTasks(),
                settings.splitRanges()));
    step(
        steps,
        round,
        JdbcStep.CLIENTS_SOURCE,
        () ->
            ceiling
                .orElseThrow(() -> new IllegalStateException("not run: needs --converter avro"))
                .run("jdbc-r" + round + "-clients", rows));
    step(steps, round, JdbcStep.COPY_TO, () -> baselines.copyTo(rows));
    String topic = oneTaskPrefix + JdbcBenchDatabase.SOURCE_TABLE;
    boolean topicFull = steps.get(JdbcStep.SOURCE_ONE_TASK) instanceof Outcome.Measured<?>;
    step(
        steps,
        round,
        JdbcStep.SINK_INSERT,
        () ->
            sinkFrom(
                topicFull,
                connectors,
                "jdbc-sink-r" + round + "-insert",
                topic,
                "sink_insert",
                false));
    database.execute("DROP TABLE IF EXISTS sink_insert");
    step(
        steps,
        round,
        JdbcStep.SINK_UPSERT,
        () ->
            sinkFrom(
                topicFull,
                connectors,
                "jdbc-sink-r" + round + "-upsert",
                topic,
                "sink_upsert",
                true));
    database.execute("DROP TABLE IF EXISTS sink_upsert");
    step(
        steps,
        round,
        JdbcStep.CLIENTS_SINK,
        () -> {
          if (!topicFull) {
            throw new IllegalStateException("not run: the 1-task source run failed");
          }
          return sinkCeiling
              .orElseThrow(() -> new IllegalStateException("not run: needs --converter avro"))
              .run(topic, "clients_sink", rows);
        });
    database.execute("DROP TABLE IF EXISTS clients_sink");
    boolean copied = steps.get(JdbcStep.COPY_TO) instanceof Outcome.Measured<?>;
    step(
        steps,
        round,
        JdbcStep.COPY_FROM,
        () -> {
          if (!copied) {
            throw new IllegalStateException("not run: COPY TO, which writes its input, failed");
          }
          return baselines.copyFrom("copy_from", rows);
        });
    database.execute("DROP TABLE IF EXISTS copy_from");
    step(
        steps,
        round,
        JdbcStep.BATCHED_UPSERT,
        () -> baselines.batchedUpsert("batched_upsert", rows));
    database.execute("DROP TABLE IF EXISTS batched_upsert");
    return new JdbcResults(round, steps);
  }

  private static JdbcResults.Timing sinkFrom(
      boolean topicFull,
      JdbcConnectorRuns connectors,
      String name,
      String topic,
      String table,
      boolean upsert) {
    if (!topicFull) {
      throw new IllegalStateException(
          "not run: the 1-task source run, which fills the sink's topic " + topic + ", failed");
    }
    return connectors.sink(name, topic, table, upsert);
  }

  private static void step(
      Map<JdbcStep, Outcome<JdbcResults.Timing>> steps,
      int round,
      JdbcStep step,
      java.util.function.Supplier<JdbcResults.Timing> run) {
    LOGGER.info("== round {}: {}", round, step.label());
    Outcome<JdbcResults.Timing> outcome = Outcome.of(run);
    if (outcome instanceof Outcome.Measured<JdbcResults.Timing> measured) {
      LOGGER.info(
          "{}: {} rows in {} s, {} rows/s",
          step.label(),
          measured.value().rows(),
          String.format(Locale.ROOT, "%.2f", measured.value().seconds()),
          String.format(Locale.ROOT, "%,.0f", measured.value().rowsPerSecond()));
    } else {
      LOGGER.warn("{} failed: {}", step.label(), ((Outcome.Failed<?>) outcome).reason());
    }
    steps.put(step, outcome);
  }

  /**
   * Kafka Connect's worker keys. Keys and values go through Tributary's AvroConverter when a
   * registry is given, else through JsonConverter with schemas (the sink needs schemas).
   */
  static String workerProperties(
      String bootstrapServers, int restPort, Path workDir, Optional<URI> registry) {
    Map<String, String> properties = new java.util.LinkedHashMap<>();
    properties.put("bootstrap.servers", bootstrapServers);
    properties.put("listeners", "http://127.0.0.1:" + restPort);
    properties.put("plugin.path", workDir.resolve("plugins").toString());
    properties.put("offset.storage.file.filename", workDir.resolve("offsets.dat").toString());
    properties.put("config.storage.file.filename", workDir.resolve("connectors.json").toString());
    for (String side : List.of("key", "value")) {
      if (registry.isPresent()) {
        properties.put(side + ".converter", AVRO_CONVERTER);
        properties.put(side + ".converter.schema.registry.url", registry.get().toString());
      } else {
        properties.put(side + ".converter", "org.apache.kafka.connect.json.JsonConverter");
        properties.put(side + ".converter.schemas.enable", "true");
      }
    }
    properties.put("offset.flush.interval.ms", "10000");
    return properties.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  private static Path writeWorkerProperties(Path file, String properties) {
    try {
      return Files.writeString(file, properties);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  static String fragment(
      JdbcBenchSettings settings,
      Instant started,
      List<JdbcResults> results,
      String loadBefore,
      String loadAfter) {
    MachineInfo machine = MachineInfo.current();
    StringBuilder md = new StringBuilder("### JDBC connectors on PostgreSQL, run of ");
    md.append(started).append("\n\n");
    md.append("- Command: `")
        .append(System.getProperty("bench.command", "bench/run-jdbc-bench"))
        .append("`\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- Table: %,d rows (`%s`: %s; generated, ~100 bytes a row), in one embedded"
                + " PostgreSQL 16.4 (zonky binaries, 127.0.0.1, default settings)\n",
            settings.rows(),
            JdbcBenchDatabase.SOURCE_TABLE,
            JdbcBenchDatabase.COLUMNS));
    md.append(
        String.format(
            Locale.ROOT,
            "- Source: `%s`, mode bulk, load.once, batch.max.rows %d, fetch.size default (10000),"
                + " into a fresh topic (1 partition) per run; 1 task (no split) and %d tasks"
                + " (split.ranges %d); timed from `POST /connectors` until the topic's end offset"
                + " reaches the rows (polled every 20 ms)\n",
            JdbcConnectorRuns.SOURCE_CONNECTOR,
            JdbcConnectorRuns.SOURCE_BATCH_MAX_ROWS,
            settings.splitTasks(),
            settings.splitRanges()));
    md.append(
        "- Sink: `"
            + JdbcConnectorRuns.SINK_CONNECTOR
            + "`, 1 task, from the 1-task source run's topic into a fresh table (same columns,"
            + " primary key id); insert (pk.mode none, so COPY) and upsert (pk.mode record_value,"
            + " pk.fields id); "
            + (settings.sinkBatch() > 0
                ? "batch.size and consumer.override.max.poll.records " + settings.sinkBatch()
                : "batch.size 3000 and the consumer's max.poll.records 500 (defaults)")
            + ", exactly.once.enabled true;"
            + " timed from `POST /connectors` until the offsets the sink stores with its rows"
            + " reach the topic's records, then the table's count(*) checked\n");
    md.append(
        settings.converter().equals(JdbcBenchSettings.AVRO)
            ? "- Worker converters: Tributary's AvroConverter for keys and values, with Tributary's"
                + " schema registry (its own JVM, on the same broker): each record carries a"
                + " 5-byte schema id and its Avro binary\n"
            : "- Worker converters: JsonConverter with schemas for keys and values (each record"
                + " carries its schema; about 760 bytes a record in the topic)\n");
    md.append(
        "- Beside them, in the harness JVM through the same driver (postgresql 42.7.13): `COPY"
            + " (SELECT * FROM "
            + JdbcBenchDatabase.SOURCE_TABLE
            + ") TO STDOUT` into a file, `COPY ... FROM STDIN` of that file into a fresh table, and"
            + " `INSERT ... ON CONFLICT (id) DO UPDATE` in JDBC batches of "
            + JdbcBaselines.UPSERT_BATCH
            + " rows, one transaction each, into a fresh table (only the batches timed, not reading"
            + " the source rows)\n");
    md.append(
        "- The ceiling, with --converter avro: in the harness JVM, one thread reads the table"
            + " through the same driver (streamed SELECT, fetch size 10000), builds an Avro record"
            + " per row, encodes it with Tributary's AvroSerializer (same registry and wire format)"
            + " and sends it with one kafka-clients producer (the worker's source producer"
            + " settings: acks=all, idempotence, linger.ms 5, batch.size 65536; key: the id as 8"
            + " bytes) until the last send is acked: what any worker has to do at the least\n");
    md.append(
        "- The sink's ceiling, with --converter avro: in the harness JVM, one thread consumes the"
            + " 1-task source run's topic (max.poll.records 5000), decodes each value with"
            + " Tributary's AvroDeserializer, writes it as COPY text and loads each poll with one"
            + " `COPY ... FROM STDIN` and one commit into a fresh table (no offsets stored)\n");
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
        .append(
            " (PostgreSQL, the broker, the worker and the harness share these cores with other"
                + " work)\n");
    md.append("- Java: ").append(machine.java()).append('\n');
    md.append("- Broker: broker-core in its own JVM; worker: `bin/tributary worker` (")
        .append(String.join(" ", WorkerLauncher.WORKER_JVM_OPTIONS))
        .append(") with the JDBC plugin bundled from connectors/jdbc/target/plugin\n");
    md.append("- Rounds: ")
        .append(settings.warmupRounds())
        .append(
            " warm-up round(s) of every step first, not reported (the JIT's first compilations);")
        .append(" then ")
        .append(settings.rounds())
        .append(settings.rounds() > 1 ? " (each figure is the median of the rounds)\n" : "\n");
    md.append('\n').append(JdbcBenchReport.table(results));
    md.append('\n').append(JdbcBenchReport.goals(results));
    if (results.size() > 1) {
      md.append("\nEach round:\n\n").append(JdbcBenchReport.rounds(results));
    }
    String failures = JdbcBenchReport.failures(results);
    if (!failures.isEmpty()) {
      md.append("\nFailed steps:\n\n").append(failures);
    }
    return md.toString();
  }
}
