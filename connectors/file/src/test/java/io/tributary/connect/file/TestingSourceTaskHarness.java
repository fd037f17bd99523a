package io.tributary.connect.file;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Drives a {@link FileSourceTask} as a worker would: polls it, keeps the offset of every record it
 * returned as committed, and gives the committed offsets back to a restarted task through an {@link
 * OffsetStorageReader}. Not thread-safe; used from the test thread.
 */
final class TestingSourceTaskHarness implements AutoCloseable {

  private final Map<Map<String, Object>, Map<String, Object>> committed = new ConcurrentHashMap<>();
  private final List<SourceRecord> records = new ArrayList<>();
  private final Map<String, String> props;
  private FileSourceTask task;

  TestingSourceTaskHarness(Map<String, String> props) {
    this.props = new HashMap<>(props);
    this.props.putIfAbsent(FileSourceConfig.FILE_SCAN_INTERVAL_MS_CONFIG, "20");
    this.props.putIfAbsent(FileSourceConfig.POLL_INTERVAL_MS_CONFIG, "5");
    this.props.putIfAbsent(FileSourceConfig.TOPIC_CONFIG, "logs");
    start();
  }

  void start() {
    task = new FileSourceTask();
    task.initialize(new Context());
    task.start(props);
  }

  /** Stops the task and starts a new one on the committed offsets (a worker restart). */
  void restart() {
    task.stop();
    start();
  }

  /** One poll; its records are kept and their offsets committed. */
  List<SourceRecord> pollOnce() throws InterruptedException {
    List<SourceRecord> polled = task.poll();
    if (polled == null) {
      return List.of();
    }
    for (SourceRecord record : polled) {
      @SuppressWarnings("unchecked")
      Map<String, Object> partition = (Map<String, Object>) record.sourcePartition();
      @SuppressWarnings("unchecked")
      Map<String, Object> offset = (Map<String, Object>) record.sourceOffset();
      committed.put(partition, offset);
      task.commitRecord(record, null);
    }
    records.addAll(polled);
    return polled;
  }

  /** Polls until {@code done} holds for all records so far, or fails after the timeout. */
  List<SourceRecord> pollUntil(Predicate<List<SourceRecord>> done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.test(records)) {
      if (System.nanoTime() > deadline) {
        List<Object> values = values();
        throw new AssertionError(
            "Condition not met in "
                + timeout
                + "; "
                + values.size()
                + " records, the last ones: "
                + values.subList(Math.max(0, values.size() - 20), values.size()));
      }
      pollOnce();
    }
    return List.copyOf(records);
  }

  List<SourceRecord> pollUntilCount(int count) throws InterruptedException {
    return pollUntil(r -> r.size() >= count, Duration.ofSeconds(30));
  }

  List<SourceRecord> records() {
    return List.copyOf(records);
  }

  List<Object> values() {
    List<Object> values = new ArrayList<>();
    for (SourceRecord record : records) {
      values.add(record.value());
    }
    return values;
  }

  void clearRecords() {
    records.clear();
  }

  @Override
  public void close() {
    task.stop();
  }

  private final class Context implements SourceTaskContext {
    @Override
    public Map<String, String> configs() {
      return props;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
      return new OffsetStorageReader() {
        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
          return committed.get(new HashMap<String, Object>(partition));
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(
            Collection<Map<String, T>> partitions) {
          Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
          for (Map<String, T> partition : partitions) {
            result.put(partition, offset(partition));
          }
          return result;
        }
      };
    }
  }
}
