package io.tributary.connect.hdfs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** A SinkTaskContext test double that records the seeks, pauses and timeouts a task asks for. */
final class TestingSinkTaskContext implements SinkTaskContext {
  final Map<TopicPartition, Long> seeks = new HashMap<>();
  final Set<TopicPartition> paused = new HashSet<>();
  long timeoutMs = -1;

  @Override
  public Map<String, String> configs() {
    return Map.of();
  }

  @Override
  public void offset(Map<TopicPartition, Long> offsets) {
    seeks.putAll(offsets);
  }

  @Override
  public void offset(TopicPartition tp, long offset) {
    seeks.put(tp, offset);
  }

  @Override
  public void timeout(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Set<TopicPartition> assignment() {
    return Set.of();
  }

  @Override
  public void pause(TopicPartition... partitions) {
    paused.addAll(Set.of(partitions));
  }

  @Override
  public void resume(TopicPartition... partitions) {
    for (TopicPartition tp : partitions) {
      paused.remove(tp);
    }
  }

  @Override
  public void requestCommit() {}
}
