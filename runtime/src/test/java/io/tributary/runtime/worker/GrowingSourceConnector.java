package io.tributary.runtime.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * A source connector for tests whose number of tasks a test can raise while it runs; it then asks
 * the worker for new task configs through {@code context.requestTaskReconfiguration()}, as a
 * connector does that discovers new tables or files. Its tasks produce nothing.
 */
public final class GrowingSourceConnector extends SourceConnector {
  /** connector name -> the running instance, for the test to reach. */
  static final Map<String, GrowingSourceConnector> RUNNING = new ConcurrentHashMap<>();

  private final AtomicInteger wanted = new AtomicInteger(1);
  private String name;

  @Override
  public void start(Map<String, String> props) {
    name = props.get("name");
    RUNNING.put(name, this);
  }

  /** Wants one more task and tells the worker. */
  void grow() {
    wanted.incrementAndGet();
    context().requestTaskReconfiguration();
  }

  @Override
  public Class<? extends Task> taskClass() {
    return IdleTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (int i = 0; i < Math.min(wanted.get(), maxTasks); i++) {
      configs.add(Map.of("slot", Integer.toString(i)));
    }
    return configs;
  }

  @Override
  public void stop() {
    RUNNING.remove(name, this);
  }

  @Override
  public ConfigDef config() {
    return new ConfigDef();
  }

  @Override
  public String version() {
    return "test";
  }

  /** A task that waits and produces nothing. */
  public static final class IdleTask extends SourceTask {
    @Override
    public void start(Map<String, String> props) {}

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
      Thread.sleep(50);
      return null;
    }

    @Override
    public void stop() {}

    @Override
    public String version() {
      return "test";
    }
  }
}
