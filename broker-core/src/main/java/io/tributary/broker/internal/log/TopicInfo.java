package io.tributary.broker.internal.log;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.apache.kafka.common.Uuid;

/**
 * A topic as the broker knows it.
 *
 * @param name the topic name
 * @param id the topic id, stable for the topic's lifetime
 * @param partitions the number of partitions
 * @param configs the topic-level config overrides (Kafka names), without broker defaults
 */
public record TopicInfo(String name, Uuid id, int partitions, Map<String, String> configs) {
  public TopicInfo {
    requireNonNull(name, "name is null");
    requireNonNull(id, "id is null");
    configs = Map.copyOf(requireNonNull(configs, "configs is null"));
  }
}
