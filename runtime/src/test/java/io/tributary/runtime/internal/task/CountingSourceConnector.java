package io.tributary.runtime.internal.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * A test source: each task emits {@code count} records {@code "value-<i>"} to {@code topic}
 * (batches of {@code batch}), with source partition {@code {"task": <n>}} and offset {@code
 * {"position": i}}, resuming after the stored offset.
 */
public final class CountingSourceConnector extends SourceConnector {
  /** connector name -> commitRecord calls (with or without metadata). */
  static final Map<String, AtomicInteger> COMMIT_RECORD_CALLS = new ConcurrentHashMap<>();

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    this.props = props;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return CountingTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (int i = 0; i < maxTasks; i++) {
      Map<String, String> config = new HashMap<>(props);
      config.put("task.number", Integer.toString(i));
      configs.add(config);
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return new ConfigDef()
        .define("topic", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Topic")
        .define("count", ConfigDef.Type.INT, 100, ConfigDef.Importance.HIGH, "Records")
        .define("secret", ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.LOW, "A secret");
  }

  @Override
  public String version() {
    return "1.0";
  }

  /** The task. */
  public static final class CountingTask extends SourceTask {
    private String topic;
    private String connector;
    private int count;
    private int batch;
    private Map<String, Object> partition;
    private long next;
    private long pollDelayMs;
    private long oversized = -1;
    private volatile boolean stopped;

    @Override
    public void start(Map<String, String> props) {
      topic = props.get("topic");
      connector = props.get("name");
      count = Integer.parseInt(props.getOrDefault("count", "100"));
      batch = Integer.parseInt(props.getOrDefault("batch", "10"));
      pollDelayMs = Long.parseLong(props.getOrDefault("poll.delay.ms", "0"));
      oversized = Long.parseLong(props.getOrDefault("oversized.position", "-1"));
      partition = Map.of("task", props.getOrDefault("task.number", "0"));
      Map<String, Object> offset = context.offsetStorageReader().offset(partition);
      next = offset == null ? 0 : ((Number) offset.get("position")).longValue() + 1;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
      if (next >= count || stopped) {
        Thread.sleep(20);
        return null;
      }
      if (pollDelayMs > 0) {
        Thread.sleep(pollDelayMs);
      }
      List<SourceRecord> records = new ArrayList<>();
      for (int i = 0; i < batch && next < count; i++, next++) {
        records.add(
            new SourceRecord(
                partition,
                Map.of("position", next),
                topic,
                null,
                Schema.STRING_SCHEMA,
                "key-" + next,
                Schema.STRING_SCHEMA,
                next == oversized ? "x".repeat(100_000) : "value-" + next));
      }
      return records;
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
      COMMIT_RECORD_CALLS.computeIfAbsent(connector, c -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void stop() {
      stopped = true;
    }

    @Override
    public String version() {
      return "1.0";
    }
  }
}
