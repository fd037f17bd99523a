package io.tributary.runtime.internal.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * A test sink: collects every record given to {@code put} per connector name. With {@code
 * retriable.failures=n}, the first n non-empty puts throw a {@code RetriableException}.
 */
public final class CollectingSinkConnector extends SinkConnector {
  /** connector name -> records put, in order. */
  static final Map<String, List<SinkRecord>> RECORDS = new ConcurrentHashMap<>();

  /** connector name -> puts that threw. */
  static final Map<String, AtomicInteger> FAILED_PUTS = new ConcurrentHashMap<>();

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    this.props = props;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return CollectingTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (int i = 0; i < maxTasks; i++) {
      configs.add(props);
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return new ConfigDef();
  }

  @Override
  public String version() {
    return "1.0";
  }

  static List<SinkRecord> records(String connector) {
    return RECORDS.computeIfAbsent(connector, c -> new CopyOnWriteArrayList<>());
  }

  /** The task. */
  public static final class CollectingTask extends SinkTask {
    private String connector;
    private int retriableFailures;
    private String errantValue;

    @Override
    public void start(Map<String, String> props) {
      connector = props.get("name");
      retriableFailures = Integer.parseInt(props.getOrDefault("retriable.failures", "0"));
      errantValue = props.get("errant.value");
    }

    @Override
    public void put(Collection<SinkRecord> records) {
      if (records.isEmpty()) {
        return;
      }
      AtomicInteger failed = FAILED_PUTS.computeIfAbsent(connector, c -> new AtomicInteger());
      if (failed.get() < retriableFailures) {
        failed.incrementAndGet();
        context.timeout(50);
        throw new RetriableException("destination unavailable (test)");
      }
      for (SinkRecord record : records) {
        if (errantValue != null && errantValue.equals(record.value())) {
          context.errantRecordReporter().report(record, new DataException("rejected by the sink"));
        } else {
          records(connector).add(record);
        }
      }
    }

    @Override
    public void stop() {}

    @Override
    public String version() {
      return "1.0";
    }
  }
}
