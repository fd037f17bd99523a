package io.tributary.runtime.internal.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One {@code topic.creation.<group>.*} group of a source connector: the topics it covers ({@code
 * include} minus {@code exclude} regexes) and the settings of the topics it creates ({@code
 * replication.factor}, {@code partitions}, -1 for the broker's default, and any other topic config
 * under the group's prefix, e.g. {@code cleanup.policy}).
 */
public record TopicCreationGroup(
    String name,
    List<Pattern> include,
    List<Pattern> exclude,
    int replicationFactor,
    int partitions,
    Map<String, String> topicConfigs) {
  public TopicCreationGroup {
    requireNonNull(name, "name is null");
    include = List.copyOf(requireNonNull(include, "include is null"));
    exclude = List.copyOf(requireNonNull(exclude, "exclude is null"));
    topicConfigs = Map.copyOf(requireNonNull(topicConfigs, "topicConfigs is null"));
  }

  /** Whether the group covers the topic: an include matches and no exclude does. */
  public boolean matches(String topic) {
    for (Pattern pattern : exclude) {
      if (pattern.matcher(topic).matches()) {
        return false;
      }
    }
    for (Pattern pattern : include) {
      if (pattern.matcher(topic).matches()) {
        return true;
      }
    }
    return false;
  }

  /** The topic to create with this group's settings. */
  public NewTopic newTopic(String topic) {
    Optional<Integer> numPartitions = partitions == -1 ? Optional.empty() : Optional.of(partitions);
    Optional<Short> replication =
        replicationFactor == -1 ? Optional.empty() : Optional.of((short) replicationFactor);
    return new NewTopic(topic, numPartitions, replication).configs(topicConfigs);
  }
}
