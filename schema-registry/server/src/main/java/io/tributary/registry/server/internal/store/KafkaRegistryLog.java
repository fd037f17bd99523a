package io.tributary.registry.server.internal.store;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's log as a Kafka topic ({@code _schemas} by default) on broker-core or Apache Kafka,
 * in Confluent's record layout ({@link RegistryRecordSerde}).
 *
 * <p>The topic has one partition and {@code cleanup.policy=compact}; {@link #start} creates it if
 * missing and refuses a topic with more partitions or another cleanup policy. A reader thread (a
 * consumer outside any group, assigned the partition from its beginning) applies every record in
 * offset order. {@link #append} writes with an idempotent producer ({@code acks=all}) and waits
 * until the reader has applied the written offset, so a read after a write sees it. {@link
 * #awaitCaughtUp} reads the partition's end offset and waits for the reader to get there.
 *
 * <p>Durability: a write is acknowledged only when the broker has it ({@code acks=all}); compaction
 * keeps the last value of each key, which is all the registry's state needs. After a crash an
 * instance rebuilds its state by reading the topic again.
 *
 * <p>A record the applier throws on is logged at ERROR with its offset and the reader goes on (the
 * record stays in the log; stopping the reader would stop the registry seeing any later write).
 * Errors and timeouts surface as {@link RegistryStoreException}. Thread-safe.
 */
public final class KafkaRegistryLog implements RegistryLog {
  private static final Logger LOGGER = LoggerFactory.getLogger(KafkaRegistryLog.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final Map<String, Object> clientConfig;
  private final String topic;
  private final TopicPartition partition;
  private final int replicationFactor;
  private final Duration timeout;
  private final Duration initTimeout;
  private final RegistryRecordSerde serde = new RegistryRecordSerde();
  private final ReaderPosition position = new ReaderPosition();
  private final String clientIdSuffix;

  private final Object lifecycle = new Object();
  private State state = State.NEW;
  private Admin admin;
  private KafkaProducer<byte[], byte[]> producer;
  private KafkaConsumer<byte[], byte[]> consumer;
  private Thread reader;
  private volatile boolean running;

  private enum State {
    NEW,
    STARTED,
    CLOSED
  }

  /**
   * @param clientConfig Kafka client settings for the admin, producer and consumer ({@code
   *     bootstrap.servers} and any security settings)
   * @param topic the log topic, e.g. {@code _schemas}
   * @param replicationFactor the replication factor when creating the topic (lowered to the number
   *     of brokers)
   * @param timeout how long a write or a catch-up may take ({@code kafkastore.timeout.ms})
   * @param initTimeout how long {@link #start} may take to create and read the topic ({@code
   *     kafkastore.init.timeout.ms})
   */
  public KafkaRegistryLog(
      Map<String, Object> clientConfig,
      String topic,
      int replicationFactor,
      Duration timeout,
      Duration initTimeout) {
    this.clientConfig = Map.copyOf(requireNonNull(clientConfig, "clientConfig is null"));
    this.topic = requireNonNull(topic, "topic is null");
    this.partition = new TopicPartition(topic, 0);
    this.replicationFactor = replicationFactor;
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.initTimeout = requireNonNull(initTimeout, "initTimeout is null");
    this.clientIdSuffix = topic + "-" + INSTANCES.incrementAndGet();
  }

  @Override
  public void start(Consumer<RegistryRecord> applier) {
    requireNonNull(applier, "applier is null");
    synchronized (lifecycle) {
      if (state != State.NEW) {
        throw new IllegalStateException("The registry log was already started (" + state + ")");
      }
      state = State.STARTED;
      admin = Admin.create(adminConfig());
      SchemasTopic.ensure(admin, topic, true, replicationFactor, initTimeout.toMillis());
      producer = new KafkaProducer<>(producerConfig());
      warmUpProducer();
      consumer = new KafkaConsumer<>(consumerConfig());
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      running = true;
      reader = new Thread(() -> readLoop(applier), "registry-log-reader-" + topic);
      reader.setDaemon(true);
      reader.start();
    }
    awaitCaughtUp(initTimeout);
    LOGGER.info("Read the registry log {} up to offset {}", topic, position.next());
  }

  @Override
  public void append(RegistryRecord record) {
    requireNonNull(record, "record is null");
    KafkaProducer<byte[], byte[]> p = started();
    long deadline = System.nanoTime() + timeout.toNanos();
    RegistryRecordSerde.Serialized bytes = serde.serialize(record);
    RecordMetadata written;
    try {
      written =
          p.send(new ProducerRecord<>(topic, 0, bytes.key(), bytes.value()))
              .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new RegistryStoreException(
          "Writing to " + topic + " timed out after " + timeout.toMillis() + " ms", true, e);
    } catch (ExecutionException e) {
      throw writeFailed(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryStoreException("Interrupted writing to " + topic, false, e);
    } catch (RuntimeException e) {
      throw writeFailed(e);
    }
    position.awaitPast(
        written.offset() + 1, deadline, "Reading back the write at offset " + written.offset());
  }

  @Override
  public void awaitCaughtUp(Duration timeout) {
    requireNonNull(timeout, "timeout is null");
    Admin a;
    synchronized (lifecycle) {
      if (state != State.STARTED) {
        throw new IllegalStateException("The registry log is " + state + ", not started");
      }
      a = admin;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    long end;
    try {
      end =
          a.listOffsets(Map.of(partition, OffsetSpec.latest()))
              .partitionResult(partition)
              .get(remainingMillis(deadline), TimeUnit.MILLISECONDS)
              .offset();
    } catch (TimeoutException e) {
      throw new RegistryStoreException(
          "Reading the end offset of " + topic + " timed out after " + timeout.toMillis() + " ms",
          true,
          e);
    } catch (ExecutionException e) {
      throw new RegistryStoreException(
          "Reading the end offset of " + topic + " failed: " + e.getCause().getMessage(),
          false,
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryStoreException("Interrupted reading the end of " + topic, false, e);
    }
    position.awaitPast(end, deadline, "Catching up with " + topic + " to offset " + end);
  }

  @Override
  public void close() {
    Thread r;
    synchronized (lifecycle) {
      if (state == State.CLOSED) {
        return;
      }
      boolean wasStarted = state == State.STARTED;
      state = State.CLOSED;
      if (!wasStarted) {
        return;
      }
      running = false;
      r = reader;
    }
    position.fail(new RegistryStoreException("The registry log is closed", false, null));
    if (consumer != null) {
      consumer.wakeup();
    }
    if (r != null) {
      try {
        r.join(initTimeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (producer != null) {
      producer.close(timeout);
    }
    if (admin != null) {
      admin.close(timeout);
    }
  }

  private RegistryStoreException writeFailed(Throwable cause) {
    boolean timedOut = cause instanceof org.apache.kafka.common.errors.TimeoutException;
    return new RegistryStoreException(
        "Writing to " + topic + " failed: " + cause.getMessage(), timedOut, cause);
  }

  /** Fetches the topic's metadata once so a write does not wait for it. */
  private void warmUpProducer() {
    long deadline = System.nanoTime() + initTimeout.toNanos();
    while (true) {
      try {
        producer.partitionsFor(topic);
        return;
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        if (System.nanoTime() >= deadline) {
          throw new RegistryStoreException(
              "Timed out fetching the metadata of " + topic + " for the registry's writer",
              true,
              e);
        }
      }
    }
  }

  private void readLoop(Consumer<RegistryRecord> applier) {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL_TIMEOUT)) {
          Optional<RegistryRecord> record =
              serde.deserialize(r.key(), r.value(), topic + "-0 offset " + r.offset());
          record.ifPresent(rec -> apply(applier, rec, r.offset()));
          position.advanceTo(r.offset() + 1);
        }
        // Past compacted gaps and transaction markers too.
        position.advanceTo(consumer.position(partition));
      }
    } catch (WakeupException e) {
      if (running) {
        fail(e);
      }
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      consumer.close(Duration.ZERO);
    }
  }

  private void apply(Consumer<RegistryRecord> applier, RegistryRecord record, long offset) {
    try {
      applier.accept(record);
    } catch (RuntimeException e) {
      LOGGER.error(
          "Could not apply the {} at {}-0 offset {}; the reader goes on with the next record",
          record.getClass().getSimpleName(),
          topic,
          offset,
          e);
    }
  }

  private void fail(RuntimeException e) {
    LOGGER.error("The reader of the registry log {} stopped", topic, e);
    position.fail(
        new RegistryStoreException(
            "The reader of " + topic + " stopped: " + e.getMessage(), false, e));
  }

  private KafkaProducer<byte[], byte[]> started() {
    synchronized (lifecycle) {
      if (state != State.STARTED) {
        throw new IllegalStateException("The registry log is " + state + ", not started");
      }
      return producer;
    }
  }

  private static long remainingMillis(long deadlineNanos) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }

  private Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "registry-admin-" + clientIdSuffix);
    return config;
  }

  private Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "registry-producer-" + clientIdSuffix);
    return config;
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "registry-reader-" + clientIdSuffix);
    return config;
  }
}
