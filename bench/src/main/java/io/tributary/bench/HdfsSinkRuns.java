package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the HDFS sink on Tributary's worker over its REST API and times it: from {@code POST
 * /connectors} until the committed files' names (their first and last offsets) cover every record
 * of the topic. Each connector is deleted after its run.
 */
final class HdfsSinkRuns {
  private static final Logger LOGGER = LoggerFactory.getLogger(HdfsSinkRuns.class);

  static final String SINK_CONNECTOR = "io.tributary.connect.hdfs.HdfsSinkConnector";

  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration STATUS_EVERY = Duration.ofSeconds(2);

  private final HdfsBenchSettings settings;
  private final JvmProcess worker;
  private final WorkerConnectors connectors;
  private final JvmProcess broker;
  private final Path hadoopConfDir;

  /**
   * @param hadoopConfDir the sink's {@code hadoop.conf.dir}: the harness's Hadoop settings
   *     (replication 1), so the sink and the raw write write alike
   */
  HdfsSinkRuns(
      HdfsBenchSettings settings,
      ConnectRestClient rest,
      JvmProcess worker,
      JvmProcess broker,
      Path hadoopConfDir) {
    this.settings = requireNonNull(settings, "settings is null");
    this.worker = requireNonNull(worker, "worker is null");
    this.connectors = new WorkerConnectors(requireNonNull(rest, "rest is null"), worker);
    this.broker = requireNonNull(broker, "broker is null");
    this.hadoopConfDir = requireNonNull(hadoopConfDir, "hadoopConfDir is null");
  }

  /** The sink's config: one task, the format, flush.size, everything else the defaults. */
  static Map<String, String> sinkConfig(
      String topic, URI hdfsUrl, String format, long flushSize, Path hadoopConfDir) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", SINK_CONNECTOR);
    config.put("topics", topic);
    config.put("tasks.max", "1");
    config.put("hdfs.url", hdfsUrl.toString());
    config.put("format", format);
    config.put("flush.size", Long.toString(flushSize));
    config.put("hadoop.conf.dir", hadoopConfDir.toString());
    return config;
  }

  /**
   * Runs the sink from {@code topic} into {@code hdfsUrl} (a fresh directory); returns its figures
   * and leaves its committed files for the raw write.
   */
  Result run(String name, String topic, URI hdfsUrl, String format, HdfsFiles files) {
    URI topicDir = URI.create(hdfsUrl.toString() + "/topics/" + topic);
    Map<String, String> config =
        sinkConfig(topic, hdfsUrl, format, settings.flushSize(), hadoopConfDir);
    Optional<Duration> cpuBefore = worker.cpuTime();
    Optional<Duration> brokerCpuBefore = broker.cpuTime();
    long started = System.nanoTime();
    connectors.create(name, config);
    try {
      long deadline = started + settings.timeout().toNanos();
      long nextStatus = started + STATUS_EVERY.toNanos();
      while (true) {
        List<HdfsFiles.Committed> committed = files.committed(topicDir, topic);
        long records = committed.stream().mapToLong(c -> c.name().records()).sum();
        if (records >= settings.records()) {
          Duration wall = Duration.ofNanos(System.nanoTime() - started);
          Optional<Duration> cpu =
              cpuBefore.flatMap(before -> worker.cpuTime().map(after -> after.minus(before)));
          Optional<Duration> brokerCpu =
              brokerCpuBefore.flatMap(before -> broker.cpuTime().map(after -> after.minus(before)));
          check(topic, committed);
          long bytes = committed.stream().mapToLong(HdfsFiles.Committed::bytes).sum();
          return new Result(
              new HdfsResults.SinkRun(records, committed.size(), bytes, wall, cpu, brokerCpu),
              committed);
        }
        long now = System.nanoTime();
        if (now > nextStatus) {
          connectors.checkRunning(name);
          nextStatus = now + STATUS_EVERY.toNanos();
        }
        if (now > deadline) {
          throw new IllegalStateException(
              name
                  + ": "
                  + records
                  + " of "
                  + settings.records()
                  + " records in committed files after the timeout");
        }
        WorkerConnectors.pause(POLL);
      }
    } finally {
      connectors.delete(name);
    }
  }

  /**
   * A sink run's figures and its committed files.
   *
   * @param run the figures
   * @param files the committed files, for the raw write of the same bytes
   */
  record Result(HdfsResults.SinkRun run, List<HdfsFiles.Committed> files) {}

  /** Every offset from 0 to records - 1 in exactly one committed file. */
  private void check(String topic, List<HdfsFiles.Committed> committed) {
    List<CommittedFileName> names =
        committed.stream()
            .map(HdfsFiles.Committed::name)
            .sorted(java.util.Comparator.comparingLong(CommittedFileName::first))
            .toList();
    long next = 0;
    for (CommittedFileName name : names) {
      if (name.partition() != 0 || name.first() != next) {
        throw new IllegalStateException(
            topic
                + ": committed files do not hold offsets 0.."
                + (settings.records() - 1)
                + " exactly once; expected a file from offset "
                + next
                + ", found "
                + name);
      }
      next = name.last() + 1;
    }
    if (next != settings.records()) {
      throw new IllegalStateException(
          topic
              + ": committed files end at offset "
              + (next - 1)
              + ", expected "
              + (settings.records() - 1));
    }
  }
}
