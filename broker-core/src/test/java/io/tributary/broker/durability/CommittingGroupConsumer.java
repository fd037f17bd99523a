package io.tributary.broker.durability;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kafka-clients consumer subscribed in a group, on its own thread, processing at least once: it
 * commits (synchronously, explicit offsets) what it has received after each poll, and counts how
 * often each offset was delivered to it.
 *
 * <p>{@link #replace} swaps the consumer for a new instance in the same group, as an application
 * restart would, to see where the group resumes.
 *
 * <p>Commits can be held back ({@link #holdCommits}) so that a test knows exactly which offsets the
 * broker has acknowledged as committed while it kills the broker; polling goes on meanwhile. A
 * commit that fails (the coordinator is gone, the group rebalanced) is logged and retried with the
 * next poll's offsets; offsets of partitions given up are dropped, as an at-least-once application
 * would.
 */
final class CommittingGroupConsumer implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(CommittingGroupConsumer.class);

  private final Properties props;
  private final String topic;
  private final Thread thread;
  private final Map<Integer, Map<Long, Integer>> deliveries = new ConcurrentHashMap<>();
  private final Map<Integer, Long> firstAfterReplacement = new ConcurrentHashMap<>();
  private final Map<Integer, Long> committed = new ConcurrentHashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
  private final ReentrantLock commitGate = new ReentrantLock();
  private final AtomicInteger assignments = new AtomicInteger();
  private final AtomicInteger failedCommits = new AtomicInteger();
  private final AtomicBoolean replaceRequested = new AtomicBoolean();
  private volatile boolean replaced;
  private volatile boolean running = true;
  private volatile Throwable failure;
  private KafkaConsumer<String, String> consumer; // used by the consumer thread only

  CommittingGroupConsumer(String bootstrapServers, String groupId, String topic) {
    props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500");
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
    props.put(ConsumerConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
    props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
    props.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, "50");
    this.topic = topic;
    thread = new Thread(this::run, "committing-consumer-" + groupId);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      subscribe();
      while (running) {
        if (replaceRequested.get()) {
          // An application restart: the old instance leaves the group without committing, the
          // new one starts from what the group committed. (Leaving needs the coordinator, which
          // the old instance may not have found again since the broker restarted: a close
          // without it would leave the member in the group until its session times out.)
          consumer.committed(consumer.assignment(), Duration.ofSeconds(20));
          consumer.close(Duration.ofSeconds(10));
          pending.clear();
          replaced = true;
          subscribe();
          replaceRequested.set(false);
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
          deliveries
              .computeIfAbsent(record.partition(), p -> new ConcurrentHashMap<>())
              .merge(record.offset(), 1, Integer::sum);
          if (replaced) {
            firstAfterReplacement.putIfAbsent(record.partition(), record.offset());
          }
          pending.put(
              new TopicPartition(record.topic(), record.partition()),
              new OffsetAndMetadata(record.offset() + 1));
        }
        if (!pending.isEmpty() && commitGate.tryLock()) {
          try {
            commit();
          } finally {
            commitGate.unlock();
          }
        }
      }
    } catch (RuntimeException | Error e) {
      failure = e;
    } finally {
      if (consumer != null) {
        consumer.close(Duration.ofSeconds(10));
      }
    }
  }

  private void subscribe() {
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(
        List.of(topic),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            pending.keySet().removeAll(partitions);
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignments.incrementAndGet();
          }
        });
  }

  private void commit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(pending);
    try {
      consumer.commitSync(offsets);
      offsets.forEach((tp, offset) -> committed.put(tp.partition(), offset.offset()));
      pending.entrySet().removeIf(e -> e.getValue().equals(offsets.get(e.getKey())));
    } catch (RetriableException | CommitFailedException | RebalanceInProgressException e) {
      // At least once: these records are committed with a later poll's offsets, or delivered
      // again after a rebalance.
      failedCommits.incrementAndGet();
      LOGGER.info("Commit of {} failed, retrying with the next poll: {}", offsets, e.toString());
    }
  }

  /**
   * Waits for a commit in progress, then lets none start until {@link #releaseCommits}; call from
   * the test thread, which must also release.
   *
   * @return the offsets the broker acknowledged as committed, by partition
   */
  Map<Integer, Long> holdCommits() {
    commitGate.lock();
    return Map.copyOf(committed);
  }

  /** Lets commits go on after {@link #holdCommits}. */
  void releaseCommits() {
    while (commitGate.isHeldByCurrentThread()) {
      commitGate.unlock();
    }
  }

  /** The offsets the broker acknowledged as committed so far, by partition. */
  Map<Integer, Long> committed() {
    return Map.copyOf(committed);
  }

  /** How many distinct offsets of a partition were delivered. */
  int distinctDelivered(int partition) {
    return deliveries.getOrDefault(partition, Map.of()).size();
  }

  /** How often each offset of a partition was delivered (a copy). */
  Map<Long, Integer> deliveries(int partition) {
    return Map.copyOf(deliveries.getOrDefault(partition, Map.of()));
  }

  /**
   * Replaces the consumer with a new instance in the same group, as an application restart would:
   * the old one leaves without committing. Returns once the new one has subscribed.
   */
  void replace(Duration timeout) {
    replaceRequested.set(true);
    await("the consumer to be replaced")
        .atMost(timeout)
        .until(
            () -> {
              if (failure != null) {
                throw new AssertionError("The group consumer failed", failure);
              }
              return !replaceRequested.get();
            });
  }

  /** The first offset of each partition delivered to the instance started by {@link #replace}. */
  Map<Integer, Long> firstDeliveredAfterReplacement() {
    return Map.copyOf(firstAfterReplacement);
  }

  int assignments() {
    return assignments.get();
  }

  int failedCommits() {
    return failedCommits.get();
  }

  /** What ended the consumer thread with an error, if anything did. */
  Throwable failure() {
    return failure;
  }

  /** Stops polling and closes the consumer. */
  void stop() throws InterruptedException {
    running = false;
    releaseCommits();
    thread.join(TimeUnit.SECONDS.toMillis(60));
    if (thread.isAlive()) {
      throw new AssertionError("The group consumer did not stop within 60 s");
    }
  }

  @Override
  public void close() {
    if (thread.isAlive()) {
      try {
        stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
