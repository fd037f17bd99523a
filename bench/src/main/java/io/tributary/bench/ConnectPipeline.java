package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * One run of the pipeline on one worker: FileStreamSource reads the source file into a fresh topic,
 * FileStreamSink writes that topic to a fresh sink file; with {@code --pipeline tributary-file},
 * Tributary's worker runs Tributary's file source and file sink instead, the sink writing completed
 * files to a fresh folder.
 *
 * <ol>
 *   <li>Writes the worker's properties (Kafka Connect's keys, the same for every worker) and
 *       launches it; start-up time is JVM launch to the first 200 from {@code GET /}.
 *   <li>Creates the source and the sink connector with {@code POST /connectors}; the wall time runs
 *       from just before the first POST until the sink (its completed files) holds every byte of
 *       the source.
 *   <li>Stops the worker (SIGTERM), then checks the sink file line by line against the source: a
 *       run that lost, duplicated or altered a line is reported as failed.
 * </ol>
 *
 * Every run gets its own folder, topic, connector names (so its own sink consumer group) and
 * offsets file.
 */
final class ConnectPipeline {
  private static final Logger LOGGER = LoggerFactory.getLogger(ConnectPipeline.class);

  static final String SOURCE_CONNECTOR = "org.apache.kafka.connect.file.FileStreamSourceConnector";
  static final String SINK_CONNECTOR = "org.apache.kafka.connect.file.FileStreamSinkConnector";
  static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
  static final String TRIBUTARY_SOURCE_CONNECTOR = "io.tributary.connect.file.FileSourceConnector";
  static final String TRIBUTARY_SINK_CONNECTOR = "io.tributary.connect.file.FileSinkConnector";

  /** Records per poll of Tributary's file source (its default is 2000). */
  static final String TRIBUTARY_SOURCE_BATCH_SIZE = "10000";

  /** Records per completed file of Tributary's file sink: 5 files for 1,000,000 lines. */
  static final String TRIBUTARY_SINK_FLUSH_SIZE = "200000";

  /** Completes the sink's last, partial file soon after the last line. */
  static final String TRIBUTARY_SINK_ROTATE_INTERVAL_MS = "1000";

  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofMillis(10);

  /**
   * A run whose sink file does not grow for this long is failed without waiting for the timeout.
   */
  private static final Duration STALL = Duration.ofMinutes(2);

  /** How long the finished pipeline keeps running before the worker is stopped. */
  private static final Duration SETTLE = Duration.ofSeconds(1);

  private final ConnectBenchSettings settings;
  private final SourceFile source;
  private final Path sourceFile;
  private final long sourceChecksum;

  ConnectPipeline(
      ConnectBenchSettings settings, SourceFile source, Path sourceFile, long sourceChecksum) {
    this.settings = requireNonNull(settings, "settings is null");
    this.source = requireNonNull(source, "source is null");
    this.sourceFile = requireNonNull(sourceFile, "sourceFile is null");
    this.sourceChecksum = sourceChecksum;
  }

  ConnectResults run(WorkerLauncher launcher, String system, int round, String bootstrapServers) {
    String run = system + "-r" + round;
    Path runDir = settings.workDir().resolve(run);
    Folders.deleteRecursively(runDir);
    boolean tributaryFile =
        settings.tributaryFile() && system.equals(ConnectBenchSettings.TRIBUTARY);
    Sink sink =
        tributaryFile
            ? Sink.directory(new SinkDirectory(runDir.resolve("sink")))
            : Sink.file(runDir.resolve("sink.txt"));
    int restPort = BrokerLauncher.freePort();
    Path workerProperties = runDir.resolve("worker.properties");
    String topic = "connect-bench-" + run;
    Map<String, String> connectors =
        tributaryFile
            ? tributaryConnectors(run, sourceFile, topic, sink.where())
            : apacheConnectors(run, sourceFile, topic, sink.where());
    try {
      Files.createDirectories(runDir);
      Files.writeString(workerProperties, workerProperties(bootstrapServers, restPort, runDir));
      for (Map.Entry<String, String> connector : connectors.entrySet()) {
        Files.writeString(runDir.resolve(connector.getKey() + ".json"), connector.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare " + runDir, e);
    }

    ConnectRestClient rest = new ConnectRestClient(URI.create("http://127.0.0.1:" + restPort));
    List<String> notes = new ArrayList<>();
    Outcome<Duration> startup;
    Optional<Duration> startupCpu;
    Outcome<Duration> wall;
    Optional<Duration> pipelineCpu = Optional.empty();
    long launched = System.nanoTime();
    try (JvmProcess worker = launcher.start(workerProperties, runDir.resolve("worker.log"))) {
      startup = Outcome.of(() -> awaitRoot(worker, rest, launched));
      startupCpu = worker.cpuTime();
      if (startup instanceof Outcome.Failed<Duration> failed) {
        return new ConnectResults(
            launcher.label(),
            round,
            startup,
            startupCpu,
            new Outcome.Failed<>("not run: the worker did not start: " + failed.reason()),
            notes);
      }
      LOGGER.info(
          "{} answers on {} after {} ms",
          launcher.label(),
          rest.base(),
          startup.map(Duration::toMillis).orElseThrow());
      wall = Outcome.of(() -> carry(worker, rest, connectors, sink));
      if (wall instanceof Outcome.Measured<Duration>) {
        Optional<Duration> cpuAtEnd = worker.cpuTime();
        pipelineCpu =
            startupCpu.isPresent() && cpuAtEnd.isPresent()
                ? Optional.of(cpuAtEnd.get().minus(startupCpu.get()))
                : Optional.empty();
        settle(sink, notes);
      }
    }
    if (!(wall instanceof Outcome.Measured<Duration> measuredWall)) {
      String reason = ((Outcome.Failed<Duration>) wall).reason();
      return new ConnectResults(
          launcher.label(), round, startup, startupCpu, new Outcome.Failed<>(reason), notes);
    }
    Duration measured = measuredWall.value();
    SinkCheck.Result check = SinkCheck.check(sink.files(), source, sourceChecksum);
    LOGGER.info("{}: {}", launcher.label(), check.summary());
    Outcome<ConnectResults.PipelineRun> pipeline =
        check.ok()
            ? new Outcome.Measured<>(
                new ConnectResults.PipelineRun(
                    measured, source.lines(), pipelineCpu, check.summary()))
            : new Outcome.Failed<>(
                check.summary()
                    + String.format(
                        Locale.ROOT, " (after %.2f s; see %s)", seconds(measured), runDir));
    return new ConnectResults(launcher.label(), round, startup, startupCpu, pipeline, notes);
  }

  /** Apache's FileStreamSource -> FileStreamSink (connect-file 3.9.1), connector defaults. */
  static Map<String, String> apacheConnectors(
      String run, Path sourceFile, String topic, Path sinkFile) {
    Map<String, String> connectors = new LinkedHashMap<>();
    connectors.put(
        run + "-source",
        connectorJson(
            run + "-source",
            Map.of(
                "connector.class", SOURCE_CONNECTOR,
                "file", sourceFile.toString(),
                "topic", topic)));
    connectors.put(
        run + "-sink",
        connectorJson(
            run + "-sink",
            Map.of(
                "connector.class", SINK_CONNECTOR,
                "file", sinkFile.toString(),
                "topics", topic)));
    return connectors;
  }

  /**
   * Tributary's file source (raw lines, no source metadata, as Apache's source sends) -> its file
   * sink (text, one line per record, completed files in {@code sinkDir}).
   */
  static Map<String, String> tributaryConnectors(
      String run, Path sourceFile, String topic, Path sinkDir) {
    Map<String, String> connectors = new LinkedHashMap<>();
    connectors.put(
        run + "-source",
        connectorJson(
            run + "-source",
            Map.of(
                "connector.class",
                TRIBUTARY_SOURCE_CONNECTOR,
                "tasks.max",
                "1",
                "file.patterns",
                sourceFile.toAbsolutePath().toString(),
                "topic",
                topic,
                "format",
                "raw",
                "source.metadata",
                "none",
                "batch.size",
                TRIBUTARY_SOURCE_BATCH_SIZE)));
    connectors.put(
        run + "-sink",
        connectorJson(
            run + "-sink",
            Map.of(
                "connector.class",
                TRIBUTARY_SINK_CONNECTOR,
                "tasks.max",
                "1",
                "topics",
                topic,
                "file.dir",
                sinkDir.toAbsolutePath().toString(),
                "format",
                "text",
                "compression",
                "none",
                "flush.size",
                TRIBUTARY_SINK_FLUSH_SIZE,
                "rotate.interval.ms",
                TRIBUTARY_SINK_ROTATE_INTERVAL_MS)));
    return connectors;
  }

  /**
   * Where a run's sink writes: one file (Apache's FileStreamSink) or a folder of completed files
   * (Tributary's file sink). Its bytes are what the sink has completed so far.
   */
  private interface Sink {
    Path where();

    long bytes();

    /** The files to check, in the order to read them. */
    List<Path> files();

    static Sink file(Path file) {
      return new Sink() {
        @Override
        public Path where() {
          return file;
        }

        @Override
        public long bytes() {
          return size(file);
        }

        @Override
        public List<Path> files() {
          return List.of(file);
        }
      };
    }

    static Sink directory(SinkDirectory directory) {
      return new Sink() {
        @Override
        public Path where() {
          return directory.directory();
        }

        @Override
        public long bytes() {
          return directory.completedBytes();
        }

        @Override
        public List<Path> files() {
          return directory.completedFiles();
        }
      };
    }
  }

  /** The worker properties both workers get: Kafka Connect's key names. */
  String workerProperties(String bootstrapServers, int restPort, Path runDir) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("bootstrap.servers", bootstrapServers);
    properties.put("listeners", "http://127.0.0.1:" + restPort);
    properties.put("plugin.path", settings.pluginPath().toString());
    properties.put("offset.storage.file.filename", runDir.resolve("offsets.dat").toString());
    // Tributary keeps connectors created over REST in this file (Kafka Connect standalone does not
    // keep them and ignores the key); per run, so no run starts another run's connectors.
    properties.put("config.storage.file.filename", runDir.resolve("connectors.json").toString());
    properties.put("key.converter", STRING_CONVERTER);
    properties.put("value.converter", STRING_CONVERTER);
    properties.put("offset.flush.interval.ms", "10000");
    return properties.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  /** {@code {"name": ..., "config": {...}}}, the REST body and connector file shape. */
  static String connectorJson(String name, Map<String, String> config) {
    String entries =
        config.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> "    " + quote(e.getKey()) + ": " + quote(e.getValue()))
            .collect(Collectors.joining(",\n"));
    return "{\n  \"name\": " + quote(name) + ",\n  \"config\": {\n" + entries + "\n  }\n}\n";
  }

  private static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Polls {@code GET /} until it answers 200; the time since the JVM was launched. */
  private static Duration awaitRoot(JvmProcess worker, ConnectRestClient rest, long launched) {
    long deadline = launched + STARTUP_TIMEOUT.toNanos();
    String last = "no answer";
    while (true) {
      if (!worker.isAlive()) {
        throw new IllegalStateException(
            worker.name()
                + " exited with code "
                + worker.exitValue()
                + " before answering GET /; see "
                + worker.logFile());
      }
      try {
        ConnectRestClient.Response response = rest.root();
        if (response.status() == 200) {
          return Duration.ofNanos(System.nanoTime() - launched);
        }
        last = "HTTP " + response.status() + " " + abbreviate(response.body());
      } catch (IOException notYet) {
        last = notYet.toString();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            worker.name()
                + " did not answer GET / with 200 within "
                + STARTUP_TIMEOUT.toSeconds()
                + " s (last: "
                + last
                + "); see "
                + worker.logFile());
      }
      pause(POLL);
    }
  }

  /**
   * Creates the connectors and waits until the sink file is as long as the source file; the time
   * from just before the first POST. Fails when the worker dies, the file stops growing or the
   * run's timeout passes, with the connectors' status in the message.
   */
  private Duration carry(
      JvmProcess worker, ConnectRestClient rest, Map<String, String> connectors, Sink sink) {
    long started = System.nanoTime();
    long deadline = started + settings.timeout().toNanos();
    for (Map.Entry<String, String> connector : connectors.entrySet()) {
      create(rest, connector.getKey(), connector.getValue(), deadline);
    }
    long expected = source.bytes();
    long lastSize = -1;
    long lastGrowth = System.nanoTime();
    while (true) {
      long size = sink.bytes();
      long now = System.nanoTime();
      if (size >= expected) {
        return Duration.ofNanos(now - started);
      }
      if (size != lastSize) {
        lastSize = size;
        lastGrowth = now;
      }
      String problem = null;
      if (!worker.isAlive()) {
        problem = worker.name() + " exited with code " + worker.exitValue();
      } else if (now > deadline) {
        problem = "timed out after " + settings.timeout().toSeconds() + " s";
      } else if (now - lastGrowth > STALL.toNanos()) {
        problem = "the sink file stopped growing for " + STALL.toSeconds() + " s";
      }
      if (problem != null) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "%s with %,d of %,d bytes in the sink file; status: %s; see %s",
                problem,
                size,
                expected,
                statuses(rest, connectors.keySet()),
                worker.logFile()));
      }
      pause(POLL);
    }
  }

  /**
   * POSTs one connector; a 5xx answer (a worker still finishing its start) is retried until the
   * deadline, anything else but 201 fails the run.
   */
  private static void create(ConnectRestClient rest, String name, String json, long deadline) {
    while (true) {
      ConnectRestClient.Response response;
      try {
        response = rest.createConnector(json);
      } catch (IOException e) {
        throw new UncheckedIOException("POST /connectors for " + name + " failed", e);
      }
      if (response.status() == 201) {
        return;
      }
      if (response.status() < 500 || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "POST /connectors for "
                + name
                + " answered HTTP "
                + response.status()
                + ": "
                + abbreviate(response.body()));
      }
      LOGGER.info("POST /connectors for {} answered {}; retrying", name, response.status());
      pause(Duration.ofMillis(100));
    }
  }

  /** Lets the finished pipeline run on briefly, noting any line written past the expected end. */
  private void settle(Sink sink, List<String> notes) {
    pause(SETTLE);
    long size = sink.bytes();
    if (size > source.bytes()) {
      notes.add(
          String.format(
              Locale.ROOT,
              "sink file grew to %,d bytes, past the source's %,d, within %d s of completing",
              size,
              source.bytes(),
              SETTLE.toSeconds()));
    }
  }

  private static String statuses(ConnectRestClient rest, Iterable<String> names) {
    List<String> statuses = new ArrayList<>();
    for (String name : names) {
      try {
        ConnectRestClient.Response response = rest.status(name);
        statuses.add(name + " HTTP " + response.status() + " " + abbreviate(response.body()));
      } catch (IOException e) {
        statuses.add(name + " unavailable (" + e + ")");
      }
    }
    return String.join("; ", statuses);
  }

  private static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the size of " + file, e);
    }
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= 600 ? oneLine : oneLine.substring(0, 600) + "...";
  }

  static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
