package io.tributary.bench;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the summary figures out of the standard output of Apache Kafka's perf tools (3.9.x):
 * ProducerPerformance's final "records sent" line, ConsumerPerformance's CSV-like header and value
 * lines, and EndToEndLatency's "Avg latency" and "Percentiles" lines.
 *
 * <p>Each method fails with {@link IllegalArgumentException} naming what was missing, so a changed
 * tool output format stops the benchmark instead of printing zeros.
 */
final class PerfOutput {
  private static final Pattern PRODUCER_SUMMARY =
      Pattern.compile(
          "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg"
              + " latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms"
              + " 99th, (\\d+) ms 99\\.9th\\.");
  private static final Pattern E2E_AVG = Pattern.compile("Avg latency: ([\\d.]+) ms");
  private static final Pattern E2E_PERCENTILES =
      Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99\\.9th = (\\d+)");

  private PerfOutput() {}

  /** Producer throughput and per-record latency, as ProducerPerformance reports them. */
  record Producer(
      long records,
      double recordsPerSec,
      double mbPerSec,
      double avgLatencyMs,
      double maxLatencyMs,
      int p50Ms,
      int p95Ms,
      int p99Ms,
      int p999Ms) {}

  /** Consumer throughput (including the time to join the group) and the group join time. */
  record Consumer(
      long records,
      double recordsPerSec,
      double mbPerSec,
      long rebalanceMs,
      double fetchRecordsPerSec,
      double fetchMbPerSec) {}

  /** Latency of one record from send to poll, in whole milliseconds except the average. */
  record EndToEnd(double avgMs, int p50Ms, int p99Ms, int p999Ms) {}

  /** Parses ProducerPerformance's output; the summary is its last "records sent" line. */
  static Producer producer(String output) {
    Matcher last = null;
    for (String line : output.split("\\R")) {
      Matcher m = PRODUCER_SUMMARY.matcher(line.trim());
      if (m.matches()) {
        last = m;
      }
    }
    if (last == null) {
      throw new IllegalArgumentException(
          "No ProducerPerformance summary line ('N records sent, ... 99.9th.') in the output");
    }
    return new Producer(
        Long.parseLong(last.group(1)),
        Double.parseDouble(last.group(2)),
        Double.parseDouble(last.group(3)),
        Double.parseDouble(last.group(4)),
        Double.parseDouble(last.group(5)),
        Integer.parseInt(last.group(6)),
        Integer.parseInt(last.group(7)),
        Integer.parseInt(last.group(8)),
        Integer.parseInt(last.group(9)));
  }

  /**
   * Parses ConsumerPerformance's output: a header line naming the columns, then one line of values
   * separated by ", ".
   */
  static Consumer consumer(String output) {
    String[] lines = output.split("\\R");
    for (int i = 0; i < lines.length - 1; i++) {
      if (lines[i].trim().startsWith("start.time, end.time")) {
        List<String> names = List.of(lines[i].trim().split(",\\s*"));
        String[] values = lines[i + 1].trim().split(",\\s*");
        if (values.length != names.size()) {
          throw new IllegalArgumentException(
              "ConsumerPerformance printed "
                  + values.length
                  + " values for "
                  + names.size()
                  + " columns: "
                  + lines[i + 1]);
        }
        return new Consumer(
            (long) number(names, values, "data.consumed.in.nMsg"),
            number(names, values, "nMsg.sec"),
            number(names, values, "MB.sec"),
            (long) number(names, values, "rebalance.time.ms"),
            number(names, values, "fetch.nMsg.sec"),
            number(names, values, "fetch.MB.sec"));
      }
    }
    throw new IllegalArgumentException(
        "No ConsumerPerformance header ('start.time, end.time, ...') followed by values");
  }

  private static double number(List<String> names, String[] values, String column) {
    int index = names.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException(
          "ConsumerPerformance output has no column '" + column + "' among " + names);
    }
    return Double.parseDouble(values[index].trim().toLowerCase(Locale.ROOT));
  }

  /** Parses EndToEndLatency's closing "Avg latency" and "Percentiles" lines. */
  static EndToEnd endToEnd(String output) {
    Matcher avg = E2E_AVG.matcher(output);
    Matcher percentiles = E2E_PERCENTILES.matcher(output);
    if (!avg.find() || !percentiles.find()) {
      throw new IllegalArgumentException(
          "No EndToEndLatency result ('Avg latency: ...' and 'Percentiles: ...') in the output");
    }
    return new EndToEnd(
        Double.parseDouble(avg.group(1)),
        Integer.parseInt(percentiles.group(1)),
        Integer.parseInt(percentiles.group(2)),
        Integer.parseInt(percentiles.group(3)));
  }

  /** The last line that names an exception or error, or "" when there is none. */
  static String lastErrorLine(String output) {
    String found = "";
    for (String line : output.split("\\R")) {
      String trimmed = line.trim();
      if (!trimmed.startsWith("at ")
          && (trimmed.contains("Exception") || trimmed.contains("ERROR"))) {
        found = trimmed;
      }
    }
    return found;
  }
}
