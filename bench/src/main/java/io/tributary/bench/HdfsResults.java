package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of one round of the HDFS benchmark: per format and file system, the sink's run and
 * the raw write of the same bytes, each measured or why it failed.
 *
 * @param round the round, from 1
 * @param sink the sink's run per case
 * @param raw the raw {@code FileSystem} write of the sink's files per case
 */
record HdfsResults(int round, Map<Case, Outcome<SinkRun>> sink, Map<Case, Outcome<RawWrite>> raw) {
  HdfsResults {
    sink = Map.copyOf(requireNonNull(sink, "sink is null"));
    raw = Map.copyOf(requireNonNull(raw, "raw is null"));
  }

  /**
   * One format written to one file system.
   *
   * @param format the sink's {@code format}: avro, parquet or json
   * @param fileSystem file or hdfs
   */
  record Case(String format, String fileSystem) {
    Case {
      requireNonNull(format, "format is null");
      requireNonNull(fileSystem, "fileSystem is null");
    }

    String label() {
      return format + " on " + ("hdfs".equals(fileSystem) ? "MiniDFSCluster" : "file://");
    }
  }

  /**
   * One sink run: from {@code POST /connectors} until every record is in a committed file.
   *
   * @param records records in committed files (counted from their names' offsets)
   * @param files committed files
   * @param bytes the committed files' total size
   * @param wall the wall time
   * @param workerCpu CPU time the worker's process used during the run, when the OS tells
   * @param brokerCpu CPU time broker-core's process used during the run, when the OS tells
   */
  record SinkRun(
      long records,
      int files,
      long bytes,
      Duration wall,
      Optional<Duration> workerCpu,
      Optional<Duration> brokerCpu) {
    SinkRun {
      requireNonNull(wall, "wall is null");
      requireNonNull(workerCpu, "workerCpu is null");
      requireNonNull(brokerCpu, "brokerCpu is null");
      positive(wall);
    }

    double recordsPerSecond() {
      return records / seconds(wall);
    }

    double megabytesPerSecond() {
      return bytes / 1e6 / seconds(wall);
    }
  }

  /**
   * The raw write: the same bytes written with {@code FileSystem.create}, {@code write}, {@code
   * hsync} and {@code close}, one file after another, from one thread.
   *
   * @param files files written
   * @param bytes bytes written
   * @param wall the wall time of the writes (reading the files into memory first is not timed)
   */
  record RawWrite(int files, long bytes, Duration wall) {
    RawWrite {
      requireNonNull(wall, "wall is null");
      positive(wall);
    }

    double megabytesPerSecond() {
      return bytes / 1e6 / seconds(wall);
    }
  }

  Outcome<SinkRun> sink(Case c) {
    Outcome<SinkRun> outcome = sink.get(c);
    return outcome != null ? outcome : new Outcome.Failed<>("not run");
  }

  Outcome<RawWrite> raw(Case c) {
    Outcome<RawWrite> outcome = raw.get(c);
    return outcome != null ? outcome : new Outcome.Failed<>("not run");
  }

  /** A builder-friendly pair of maps, in insertion order. */
  static final class Builder {
    private final int round;
    private final Map<Case, Outcome<SinkRun>> sink = new LinkedHashMap<>();
    private final Map<Case, Outcome<RawWrite>> raw = new LinkedHashMap<>();

    Builder(int round) {
      this.round = round;
    }

    void sink(Case c, Outcome<SinkRun> outcome) {
      sink.put(c, outcome);
    }

    void raw(Case c, Outcome<RawWrite> outcome) {
      raw.put(c, outcome);
    }

    HdfsResults build() {
      return new HdfsResults(round, sink, raw);
    }
  }

  private static void positive(Duration wall) {
    if (wall.isNegative() || wall.isZero()) {
      throw new IllegalArgumentException("wall must be positive, got " + wall);
    }
  }

  private static double seconds(Duration wall) {
    return wall.toNanos() / 1e9;
  }
}
