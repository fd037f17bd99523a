package io.tributary.runtime.internal.task;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.config.TopicCreationGroup;
import io.tributary.runtime.internal.status.ConnectorTaskId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a source task's topics before their first record, with the settings of the first {@code
 * topic.creation} group that matches the topic ({@code default} last), and remembers the topics
 * known to exist so each is checked once. Task thread only.
 */
final class TopicCreator {
  private static final Logger LOGGER = LoggerFactory.getLogger(TopicCreator.class);

  private final ConnectorTaskId id;
  private final Admin admin;
  private final List<TopicCreationGroup> groups;
  private final Set<String> known = new HashSet<>();

  TopicCreator(ConnectorTaskId id, Admin admin, List<TopicCreationGroup> groups) {
    this.id = requireNonNull(id, "id is null");
    this.admin = requireNonNull(admin, "admin is null");
    this.groups = List.copyOf(groups);
  }

  /** Creates the topic unless it is known to exist. */
  void ensure(String topic) {
    if (known.contains(topic)) {
      return;
    }
    try {
      if (admin.listTopics().names().get(60, TimeUnit.SECONDS).contains(topic)) {
        known.add(topic);
        return;
      }
      TopicCreationGroup group =
          groups.stream().filter(g -> g.matches(topic)).findFirst().orElse(null);
      if (group == null) {
        known.add(topic); // no group covers it: left to the broker's auto-creation
        return;
      }
      NewTopic newTopic = group.newTopic(topic);
      LOGGER.info(
          "Task {}: creating topic {} with the settings of group {}", id, newTopic, group.name());
      admin.createTopics(List.of(newTopic)).all().get(60, TimeUnit.SECONDS);
      known.add(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        known.add(topic);
        return;
      }
      throw new ConnectException(
          "Task "
              + id
              + " failed to create new topic "
              + topic
              + ". Ensure that the task is authorized to create topics or that the topic exists and"
              + " restart the task",
          e.getCause());
    } catch (TimeoutException e) {
      throw new ConnectException("Task " + id + " timed out creating topic " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Task " + id + " interrupted creating topic " + topic, e);
    }
  }
}
