package io.tributary.runtime.internal.herder;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Sink connectors' offsets, which live in their consumer group {@code connect-<name>}, read and
 * changed through the Admin API, in the REST shape Kafka Connect uses: partition {@code
 * {"kafka_topic", "kafka_partition"}}, offset {@code {"kafka_offset"}}.
 */
final class SinkOffsets {
  static final String TOPIC_KEY = "kafka_topic";
  static final String PARTITION_KEY = "kafka_partition";
  static final String OFFSET_KEY = "kafka_offset";

  private final Admin admin;
  private final Duration timeout;

  SinkOffsets(Admin admin, Duration timeout) {
    this.admin = requireNonNull(admin, "admin is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  static String groupId(String connector) {
    return "connect-" + connector;
  }

  List<ConnectorOffset> read(String connector) {
    Map<TopicPartition, OffsetAndMetadata> committed =
        await(
            admin.listConsumerGroupOffsets(groupId(connector)).partitionsToOffsetAndMetadata(),
            "read the offsets of consumer group " + groupId(connector));
    List<ConnectorOffset> result = new ArrayList<>();
    committed.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .sorted(
            Comparator.comparing(
                    (Map.Entry<TopicPartition, OffsetAndMetadata> e) -> e.getKey().topic())
                .thenComparingInt(e -> e.getKey().partition()))
        .forEach(
            e -> {
              Map<String, Object> partition = new LinkedHashMap<>();
              partition.put(TOPIC_KEY, e.getKey().topic());
              partition.put(PARTITION_KEY, e.getKey().partition());
              result.add(new ConnectorOffset(partition, Map.of(OFFSET_KEY, e.getValue().offset())));
            });
    return result;
  }

  /** Sets or (null offset) removes offsets of the connector's group. */
  void alter(String connector, List<ConnectorOffset> offsets) {
    Map<TopicPartition, OffsetAndMetadata> toAlter = new HashMap<>();
    Set<TopicPartition> toRemove = new HashSet<>();
    for (ConnectorOffset entry : offsets) {
      TopicPartition partition = partitionOf(entry.partition());
      if (entry.offset() == null) {
        toRemove.add(partition);
      } else {
        toAlter.put(partition, new OffsetAndMetadata(offsetOf(entry.offset())));
      }
    }
    String group = groupId(connector);
    if (!toAlter.isEmpty()) {
      await(
          admin.alterConsumerGroupOffsets(group, toAlter).all(),
          "alter the offsets of consumer group " + group);
    }
    if (!toRemove.isEmpty()) {
      try {
        await(
            admin.deleteConsumerGroupOffsets(group, toRemove).all(),
            "remove offsets of consumer group " + group);
      } catch (ConnectException e) {
        if (!(e.getCause() instanceof GroupIdNotFoundException)) {
          throw e;
        }
      }
    }
  }

  /** Removes every offset of the connector's group by deleting the (empty) group. */
  void reset(String connector) {
    String group = groupId(connector);
    try {
      await(admin.deleteConsumerGroups(List.of(group)).all(), "delete consumer group " + group);
    } catch (ConnectException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return;
      }
      if (e.getCause() instanceof GroupNotEmptyException) {
        throw new HerderException(
            HerderException.Kind.CONFLICT,
            "Consumer group "
                + group
                + " still has members; wait for the connector's tasks to leave it (or for its"
                + " session timeout) and try again");
      }
      throw e;
    }
  }

  private static TopicPartition partitionOf(Map<String, Object> partition) {
    Object topic = partition.get(TOPIC_KEY);
    Object index = partition.get(PARTITION_KEY);
    if (!(topic instanceof String topicName) || topicName.isBlank()) {
      throw invalid("each partition needs a \"" + TOPIC_KEY + "\" string, got " + partition);
    }
    int partitionIndex = intOf(index, PARTITION_KEY, partition);
    if (partitionIndex < 0) {
      throw invalid("\"" + PARTITION_KEY + "\" must not be negative, got " + partition);
    }
    if (partition.size() != 2) {
      throw invalid(
          "a sink partition has exactly the keys \""
              + TOPIC_KEY
              + "\" and \""
              + PARTITION_KEY
              + "\", got "
              + partition.keySet());
    }
    return new TopicPartition(topicName, partitionIndex);
  }

  private static long offsetOf(Map<String, Object> offset) {
    Object value = offset.get(OFFSET_KEY);
    if (!(value instanceof Number number) || number.longValue() != number.doubleValue()) {
      throw invalid("each offset needs an integer \"" + OFFSET_KEY + "\", got " + offset);
    }
    if (number.longValue() < 0) {
      throw invalid("\"" + OFFSET_KEY + "\" must not be negative, got " + offset);
    }
    return number.longValue();
  }

  private static int intOf(Object value, String key, Map<String, Object> where) {
    if (value instanceof Number number && number.intValue() == number.doubleValue()) {
      return number.intValue();
    }
    if (value instanceof String text) {
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw invalid("\"" + key + "\" must be an integer, got " + where);
  }

  private static HerderException invalid(String why) {
    return new HerderException(HerderException.Kind.INVALID, "Invalid sink offsets: " + why);
  }

  private <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new ConnectException(
          "Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new ConnectException("Could not " + what + " within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while trying to " + what, e);
    }
  }
}
