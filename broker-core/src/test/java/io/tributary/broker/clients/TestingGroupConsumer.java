package io.tributary.broker.clients;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A KafkaConsumer subscribed in a group, polling on its own thread and committing synchronously
 * after every non-empty poll and before giving partitions up. Exposes what it received and what it
 * is assigned, for tests.
 */
final class TestingGroupConsumer implements AutoCloseable {
  private final KafkaConsumer<String, String> consumer;
  private final Thread thread;
  private final Queue<ConsumerRecord<String, String>> received = new ConcurrentLinkedQueue<>();
  private final AtomicInteger assignments = new AtomicInteger();
  private volatile boolean running = true;
  private volatile Set<TopicPartition> assignment = Set.of();
  private volatile int generation = -1;
  private volatile String memberId = "";
  private volatile Throwable failure;

  TestingGroupConsumer(
      String bootstrapServers, String groupId, String topic, Map<String, String> overrides) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "300");
    props.putAll(overrides);
    Properties properties = new Properties();
    properties.putAll(props);
    this.consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    this.thread = new Thread(() -> run(topic), "test-consumer-" + groupId);
    thread.setDaemon(true);
    thread.start();
  }

  private void run(String topic) {
    try {
      consumer.subscribe(
          List.of(topic),
          new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
              commit();
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
              assignments.incrementAndGet();
            }
          });
      while (running) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
        records.forEach(received::add);
        if (!records.isEmpty()) {
          commit();
        }
        assignment = Set.copyOf(consumer.assignment());
        generation = consumer.groupMetadata().generationId();
        memberId = consumer.groupMetadata().memberId();
      }
    } catch (WakeupException e) {
      // closing
    } catch (Throwable t) {
      failure = t;
    } finally {
      consumer.close(Duration.ofSeconds(10));
    }
  }

  private void commit() {
    try {
      consumer.commitSync(Duration.ofSeconds(10));
    } catch (RebalanceInProgressException | CommitFailedException e) {
      // The group moved on; the records come again to whoever owns the partition (no loss).
    }
  }

  List<ConsumerRecord<String, String>> received() {
    return List.copyOf(received);
  }

  Set<TopicPartition> assignment() {
    return assignment;
  }

  int generation() {
    return generation;
  }

  String memberId() {
    return memberId;
  }

  /** How often partitions were assigned (once per rebalance this consumer took part in). */
  int assignmentCount() {
    return assignments.get();
  }

  Throwable failure() {
    return failure;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(30_000);
    if (failure != null) {
      throw new AssertionError("The consumer failed", failure);
    }
  }
}
