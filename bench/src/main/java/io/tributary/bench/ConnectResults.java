package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one worker measured in one round.
 *
 * @param system the worker's label, e.g. "Kafka Connect"
 * @param round 1-based
 * @param startup JVM launch to the first 200 from {@code GET /}
 * @param startupCpu CPU time the worker used until then, when the OS tells
 * @param pipeline the pipeline run, failed when the sink file did not end up equal to the source
 * @param notes what else the report should say about this run (the sink check, caveats)
 */
record ConnectResults(
    String system,
    int round,
    Outcome<Duration> startup,
    Optional<Duration> startupCpu,
    Outcome<PipelineRun> pipeline,
    List<String> notes) {
  ConnectResults {
    requireNonNull(system, "system is null");
    requireNonNull(startup, "startup is null");
    requireNonNull(startupCpu, "startupCpu is null");
    requireNonNull(pipeline, "pipeline is null");
    notes = List.copyOf(requireNonNull(notes, "notes is null"));
  }

  /**
   * A pipeline run whose sink file held exactly the source lines.
   *
   * @param wall from just before the connectors were created to the last line in the sink file
   * @param lines lines carried
   * @param cpu CPU time the worker used in that time, when the OS tells
   * @param sinkCheck the sink check's one-line summary
   */
  record PipelineRun(Duration wall, long lines, Optional<Duration> cpu, String sinkCheck) {
    PipelineRun {
      requireNonNull(wall, "wall is null");
      requireNonNull(cpu, "cpu is null");
      requireNonNull(sinkCheck, "sinkCheck is null");
    }

    double linesPerSecond() {
      return lines / (wall.toNanos() / 1e9);
    }
  }
}
