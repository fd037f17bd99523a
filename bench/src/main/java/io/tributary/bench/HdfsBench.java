package io.tributary.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 7's benchmark: Tributary's HDFS sink on Tributary's worker, from a topic of Avro records
 * into committed files on {@code file://} and on a MiniDFSCluster, beside the raw write of the same
 * bytes with {@code FileSystem.create} / {@code write} / {@code hsync} / {@code close} from one
 * thread of the harness. broker-core, the schema registry and the worker each run in their own
 * process; the MiniDFSCluster and the raw writes run in the harness JVM. Prints a markdown fragment
 * and writes it to {@code <work-dir>/benchmarks-fragment.md}.
 *
 * <p>Run through {@code bench/run-hdfs-bench}, which builds what is needed first.
 */
public final class HdfsBench {
  private static final Logger LOGGER = LoggerFactory.getLogger(HdfsBench.class);

  static final String TOPIC = "hdfs-bench-orders";

  private HdfsBench() {}

  public static void main(String[] args) {
    BenchMain.run("run-hdfs-bench", args, HdfsBenchSettings::parse, HdfsBench::run);
    // Hadoop's and the Kafka clients' helper threads would keep the JVM alive.
    System.exit(0);
  }

  static void run(HdfsBenchSettings settings) {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Path workDir = settings.workDir();
    // Fails now, before anything runs, when something is not built.
    TributaryWorkerLauncher launcher = new TributaryWorkerLauncher(settings.runtimeTarget());
    BrokerCoreLauncher brokerLauncher = new BrokerCoreLauncher(settings.brokerCoreTarget());
    RegistryLauncher registryLauncher =
        new RegistryLauncher(Classpaths.jarAndLib(settings.benchTarget(), "bench-"));
    Path hdfsPlugin = settings.root().resolve("connectors/hdfs/target/plugin");
    if (!Files.isDirectory(hdfsPlugin)) {
      throw new IllegalStateException(
          "No HDFS connector plugin in "
              + hdfsPlugin
              + "; build it (mvn -B -DskipTests -pl connectors/hdfs -am package)");
    }
    Folders.deleteRecursively(workDir);
    Path hadoopConf = workDir.resolve("hadoop-conf");
    Path registryLog4j = workDir.resolve("registry-log4j.properties");
    try {
      Files.createDirectories(workDir.resolve("plugins"));
      Files.createDirectories(hadoopConf);
      Files.writeString(hadoopConf.resolve("hdfs-site.xml"), HDFS_SITE);
      Files.writeString(registryLog4j, Log4jConfigs.REGISTRY);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + workDir, e);
    }

    String loadBefore = MachineInfo.loadAverage();
    List<HdfsResults.Case> cases = cases(settings);
    List<HdfsResults> results = new ArrayList<>();
    Map<String, List<HdfsClientsCeiling>> ceilings = new LinkedHashMap<>();
    HdfsTopic.Filled filled;
    try (BrokerLauncher.RunningBroker broker =
            brokerLauncher.start(workDir.resolve("broker-core"), 1);
        RegistryLauncher.RunningRegistry registry =
            registryLauncher.start(workDir, broker.bootstrapServers(), registryLog4j)) {
      LOGGER.info("Filling {} with {} Avro records", TOPIC, settings.records());
      filled = HdfsTopic.fill(broker.bootstrapServers(), registry.url(), TOPIC, settings.records());
      try (MiniHdfs hdfs =
              settings.fileSystems().contains("hdfs")
                  ? MiniHdfs.start(workDir.resolve("minidfs"))
                  : null;
          FileSystemsInUse fileSystems = new FileSystemsInUse(workDir, hdfs)) {
        int restPort = BrokerLauncher.freePort();
        Path workerProperties = workDir.resolve("worker.properties");
        write(
            workerProperties,
            workerProperties(broker.bootstrapServers(), registry.url(), restPort, workDir));
        try (JvmProcess worker = launcher.start(workerProperties, workDir.resolve("worker.log"))) {
          ConnectRestClient rest =
              new ConnectRestClient(URI.create("http://127.0.0.1:" + restPort));
          new WorkerConnectors(rest, worker).awaitRoot();
          HdfsSinkRuns sinks =
              new HdfsSinkRuns(settings, rest, worker, broker.process(), hadoopConf);
          for (int round = 1; round <= settings.rounds(); round++) {
            results.add(round(round, cases, sinks, fileSystems));
          }
        }
        // The ceiling: the same topic into Avro files with kafka-clients and Avro alone.
        for (String fileSystem : settings.fileSystems()) {
          for (int round = 1; round <= settings.rounds(); round++) {
            URI dir = fileSystems.runDir(fileSystem, "ceiling-r" + round);
            LOGGER.info("== round {}: the no-worker ceiling into {}", round, dir);
            Outcome<HdfsClientsCeiling> outcome =
                Outcome.of(
                    () ->
                        HdfsClientsCeiling.run(
                            broker.bootstrapServers(),
                            registry.url(),
                            TOPIC,
                            settings.records(),
                            settings.flushSize(),
                            dir));
            if (outcome instanceof Outcome.Measured<HdfsClientsCeiling> measured) {
              LOGGER.info(
                  "ceiling on {}: {} records/s, {} MB/s",
                  fileSystem,
                  String.format(Locale.ROOT, "%,.0f", measured.value().recordsPerSecond()),
                  String.format(Locale.ROOT, "%.1f", measured.value().megabytesPerSecond()));
              ceilings.computeIfAbsent(fileSystem, k -> new ArrayList<>()).add(measured.value());
            } else {
              LOGGER.warn("ceiling failed: {}", ((Outcome.Failed<?>) outcome).reason());
            }
          }
        }
      }
    }
    String loadAfter = MachineInfo.loadAverage();
    Fragments.publish(
        workDir,
        fragment(settings, started, filled, cases, results, loadBefore, loadAfter)
            + ceilingSection(ceilings));
  }

  /**
   * The no-worker ceiling's medians per file system: one thread consumes the topic, decodes each
   * value with Tributary's AvroDeserializer and appends it to Avro container files (no codec) of
   * flush.size records, each hsync'd, closed and renamed.
   */
  static String ceilingSection(Map<String, List<HdfsClientsCeiling>> ceilings) {
    if (ceilings.isEmpty()) {
      return "";
    }
    StringBuilder md =
        new StringBuilder(
            "\nThe ceiling (no worker: one thread consumes the topic with kafka-clients, decodes"
                + " each value with Tributary's AvroDeserializer and appends it to Avro container"
                + " files of flush.size records, no codec, each hsync'd, closed and renamed;"
                + " medians):\n\n| file system | records/s | MB/s |\n| --- | ---: | ---: |\n");
    ceilings.forEach(
        (fileSystem, runs) -> {
          double rate =
              BenchReport.median(runs.stream().map(r -> Optional.of(r.recordsPerSecond())).toList())
                  .orElseThrow();
          double mb =
              BenchReport.median(
                      runs.stream().map(r -> Optional.of(r.megabytesPerSecond())).toList())
                  .orElseThrow();
          md.append(String.format(Locale.ROOT, "| %s | %,.0f | %.1f |%n", fileSystem, rate, mb));
        });
    return md.toString();
  }

  /** Replication 1 for the sink's Hadoop client, as the harness's raw writes use. */
  static final String HDFS_SITE =
      "<?xml version=\"1.0\"?>\n"
          + "<configuration>\n"
          + "  <property><name>dfs.replication</name><value>1</value></property>\n"
          + "</configuration>\n";

  static List<HdfsResults.Case> cases(HdfsBenchSettings settings) {
    List<HdfsResults.Case> cases = new ArrayList<>();
    for (String format : settings.formats()) {
      for (String fileSystem : settings.fileSystems()) {
        cases.add(new HdfsResults.Case(format, fileSystem));
      }
    }
    return cases;
  }

  private static HdfsResults round(
      int round, List<HdfsResults.Case> cases, HdfsSinkRuns sinks, FileSystemsInUse fileSystems) {
    HdfsResults.Builder results = new HdfsResults.Builder(round);
    for (HdfsResults.Case c : cases) {
      HdfsFiles files = fileSystems.files(c.fileSystem());
      URI runDir = fileSystems.runDir(c.fileSystem(), "r" + round + "-" + c.format());
      String name = "hdfs-sink-r" + round + "-" + c.format() + "-" + c.fileSystem();
      LOGGER.info("== round {}: sink, {} into {}", round, c.label(), runDir);
      List<HdfsFiles.Committed> committed = new ArrayList<>();
      Outcome<HdfsResults.SinkRun> sink =
          Outcome.of(
              () -> {
                HdfsSinkRuns.Result result = sinks.run(name, TOPIC, runDir, c.format(), files);
                committed.addAll(result.files());
                return result.run();
              });
      log(c.label() + ", sink", sink);
      results.sink(c, sink);
      Outcome<HdfsResults.RawWrite> raw;
      if (sink instanceof Outcome.Measured<HdfsResults.SinkRun>) {
        LOGGER.info("== round {}: raw write of the sink's {} files", round, committed.size());
        raw = Outcome.of(() -> files.rawWrite(committed, URI.create(runDir + "/raw")));
      } else {
        raw = new Outcome.Failed<>("not run: the sink run, whose files it writes, failed");
      }
      if (raw instanceof Outcome.Measured<HdfsResults.RawWrite> measured) {
        LOGGER.info(
            "raw write: {} bytes in {} s, {} MB/s",
            measured.value().bytes(),
            String.format(Locale.ROOT, "%.2f", measured.value().wall().toNanos() / 1e9),
            String.format(Locale.ROOT, "%.1f", measured.value().megabytesPerSecond()));
      } else {
        LOGGER.warn("raw write failed: {}", ((Outcome.Failed<?>) raw).reason());
      }
      results.raw(c, raw);
      try {
        files.delete(runDir);
      } catch (RuntimeException e) {
        LOGGER.warn("Cannot delete {}: {}", runDir, e.getMessage());
      }
    }
    return results.build();
  }

  private static void log(String label, Outcome<HdfsResults.SinkRun> outcome) {
    if (outcome instanceof Outcome.Measured<HdfsResults.SinkRun> measured) {
      HdfsResults.SinkRun run = measured.value();
      LOGGER.info(
          "{}: {} records, {} files, {} bytes in {} s: {} records/s, {} MB/s, worker CPU {} s,"
              + " broker CPU {} s",
          label,
          run.records(),
          run.files(),
          run.bytes(),
          String.format(Locale.ROOT, "%.2f", run.wall().toNanos() / 1e9),
          String.format(Locale.ROOT, "%,.0f", run.recordsPerSecond()),
          String.format(Locale.ROOT, "%.1f", run.megabytesPerSecond()),
          run.workerCpu()
              .map(d -> String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e9))
              .orElse("unknown"),
          run.brokerCpu()
              .map(d -> String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e9))
              .orElse("unknown"));
    } else {
      LOGGER.warn("{} failed: {}", label, ((Outcome.Failed<?>) outcome).reason());
    }
  }

  /**
   * Kafka Connect's worker keys: Tributary's AvroConverter with the registry for values, keys as
   * strings (the topic has none).
   */
  static String workerProperties(
      String bootstrapServers, URI registryUrl, int restPort, Path workDir) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("bootstrap.servers", bootstrapServers);
    properties.put("listeners", "http://127.0.0.1:" + restPort);
    properties.put("plugin.path", workDir.resolve("plugins").toString());
    properties.put("offset.storage.file.filename", workDir.resolve("offsets.dat").toString());
    properties.put("config.storage.file.filename", workDir.resolve("connectors.json").toString());
    properties.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    properties.put("value.converter", "io.tributary.registry.converter.AvroConverter");
    properties.put("value.converter.schema.registry.url", registryUrl.toString());
    properties.put("offset.flush.interval.ms", "10000");
    return properties.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** The file systems of one benchmark run and the harness's client of each. */
  private static final class FileSystemsInUse implements AutoCloseable {
    private final Path workDir;
    private final MiniHdfs hdfs;
    private final Map<String, HdfsFiles> files = new LinkedHashMap<>();

    FileSystemsInUse(Path workDir, MiniHdfs hdfs) {
      this.workDir = workDir;
      this.hdfs = hdfs;
    }

    /** {@code file:///<work-dir>/fs/<run>} or {@code hdfs://<namenode>/bench/<run>}. */
    URI runDir(String fileSystem, String run) {
      if ("hdfs".equals(fileSystem)) {
        return URI.create(hdfs.uri().toString().replaceAll("/+$", "") + "/bench/" + run);
      }
      return URI.create("file://" + workDir.resolve("fs").resolve(run).toAbsolutePath());
    }

    HdfsFiles files(String fileSystem) {
      return files.computeIfAbsent(
          fileSystem,
          name -> new HdfsFiles("hdfs".equals(name) ? hdfs.uri() : URI.create("file:///")));
    }

    @Override
    public void close() {
      files.values().forEach(HdfsFiles::close);
    }
  }

  static String fragment(
      HdfsBenchSettings settings,
      Instant started,
      HdfsTopic.Filled filled,
      List<HdfsResults.Case> cases,
      List<HdfsResults> results,
      String loadBefore,
      String loadAfter) {
    MachineInfo machine = MachineInfo.current();
    StringBuilder md = new StringBuilder("### HDFS sink, run of ");
    md.append(started).append("\n\n");
    md.append("- Command: `")
        .append(System.getProperty("bench.command", "bench/run-hdfs-bench"))
        .append("`\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- Topic: %,d records in 1 partition, filled before anything is timed; values are"
                + " an 11-field order struct through Tributary's AvroConverter and the schema"
                + " registry (%.0f bytes a value on average), no keys\n",
            filled.records(),
            filled.bytesPerRecord()));
    md.append(
        String.format(
            Locale.ROOT,
            "- Sink: `%s`, 1 task, `format` %s, `flush.size` %,d (so %,d committed files a run),"
                + " other keys default (avro.codec null, parquet.codec snappy), `hadoop.conf.dir`"
                + " with dfs.replication 1; a fresh connector and directory per run; timed from"
                + " `POST /connectors` until the committed files' names (first and last offsets,"
                + " listed every 100 ms) cover every record, then checked to hold offsets"
                + " 0..%,d exactly once. MB/s = the committed files' bytes / that wall time\n",
            HdfsSinkRuns.SINK_CONNECTOR,
            String.join(", ", settings.formats()),
            settings.flushSize(),
            settings.records() / settings.flushSize(),
            settings.records() - 1));
    md.append(
        "- Raw write: the sink's own committed files of that run, read into memory first (not"
            + " timed), written once into a fresh directory of the same file system (not timed:"
            + " a warm-up), then again into another (timed), one file after another from one"
            + " thread of the harness: `FileSystem.create`, one `write`, `hsync`, `close` per file"
            + " (Hadoop 3.4.1 shaded client, `FileSystem.newInstance`, dfs.replication 1)\n");
    md.append(
        "- File systems: `file://` (Hadoop's LocalFileSystem, with its .crc side files, on the"
            + " local disk under bench/target) and a MiniDFSCluster (hadoop-client-minicluster"
            + " 3.4.2, 1 NameNode, 1 DataNode, in the harness JVM, loopback)\n");
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
            " (the broker, the registry, the worker, the MiniDFSCluster and the harness share"
                + " these cores with other work)\n");
    md.append("- Java: ").append(machine.java()).append('\n');
    md.append("- Broker: broker-core in its own JVM; worker: `bin/tributary worker` (")
        .append(String.join(" ", WorkerLauncher.WORKER_JVM_OPTIONS))
        .append(") with the HDFS plugin bundled from connectors/hdfs/target/plugin\n");
    md.append("- Rounds: ")
        .append(settings.rounds())
        .append(settings.rounds() > 1 ? " (each figure is the median of the rounds)\n" : "\n");
    md.append('\n').append(HdfsBenchReport.table(results, cases));
    if (results.size() > 1) {
      md.append("\nEach round:\n\n").append(HdfsBenchReport.rounds(results, cases));
    }
    String failures = HdfsBenchReport.failures(results, cases);
    if (!failures.isEmpty()) {
      md.append("\nFailed steps:\n\n").append(failures);
    }
    return md.toString();
  }
}
