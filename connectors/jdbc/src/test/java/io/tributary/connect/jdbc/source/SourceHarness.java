package io.tributary.connect.jdbc.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Runs the connector and its tasks in this thread as a worker would: plan, start tasks with the
 * committed offsets, poll, commit what was polled. Test doubles of the Connect contexts only.
 */
final class SourceHarness implements AutoCloseable {
  final TestingOffsets offsets;
  final AtomicInteger reconfigurations = new AtomicInteger();
  private final JdbcSourceConnector connector = new JdbcSourceConnector();
  private final List<JdbcSourceTask> tasks = new ArrayList<>();

  SourceHarness(TestingOffsets offsets) {
    this.offsets = offsets;
  }

  SourceHarness start(Map<String, String> props, int maxTasks) {
    connector.initialize(
        new SourceConnectorContext() {
          @Override
          public OffsetStorageReader offsetStorageReader() {
            return offsets;
          }

          @Override
          public void requestTaskReconfiguration() {
            reconfigurations.incrementAndGet();
          }

          @Override
          public void raiseError(Exception e) {
            throw new AssertionError("connector raised an error", e);
          }
        });
    connector.start(props);
    for (Map<String, String> taskConfig : connector.taskConfigs(maxTasks)) {
      JdbcSourceTask task = new JdbcSourceTask();
      task.initialize(
          new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
              return taskConfig;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
              return offsets;
            }
          });
      task.start(taskConfig);
      tasks.add(task);
    }
    return this;
  }

  int taskCount() {
    return tasks.size();
  }

  JdbcSourceTask task(int i) {
    return tasks.get(i);
  }

  /** One poll of every task; what was polled is committed. */
  List<SourceRecord> pollOnce() throws InterruptedException {
    List<SourceRecord> all = new ArrayList<>();
    for (JdbcSourceTask task : tasks) {
      List<SourceRecord> records = task.poll();
      if (records != null) {
        offsets.commit(records);
        all.addAll(records);
      }
    }
    return all;
  }

  /** Polls every task until {@code count} records arrived in all (or fails after 60 s). */
  List<SourceRecord> pollUntil(int count) throws InterruptedException {
    List<SourceRecord> all = new ArrayList<>();
    long deadline = System.currentTimeMillis() + 60_000;
    while (all.size() < count) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("only " + all.size() + " of " + count + " records arrived");
      }
      all.addAll(pollOnce());
    }
    return all;
  }

  @Override
  public void close() {
    tasks.forEach(JdbcSourceTask::stop);
    connector.stop();
  }
}
