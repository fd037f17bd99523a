package io.tributary.broker.durability;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An idempotent kafka-clients producer (acks=all) sending numbered records from its own thread
 * until stopped: record {@code n} has key {@code key-(n % KEYS)} and value {@code n}, so within a
 * key the values are that key's sequence numbers in send order. Remembers where each acknowledged
 * record landed and which sends failed.
 *
 * <p>Retries are unbounded and the delivery timeout long, so that a batch in flight when the broker
 * dies is retried once it is back (the case the idempotent producer's sequence numbers are for).
 */
final class ContinuousProducer implements AutoCloseable {
  static final int KEYS = 30;

  /** Where an acknowledged record was stored. */
  record Ack(int partition, long offset) {}

  private final Map<Integer, Ack> acked = new ConcurrentHashMap<>();
  private final Map<Integer, Exception> failed = new ConcurrentHashMap<>();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Semaphore inFlight = new Semaphore(1_000);
  private final AtomicInteger retries = new AtomicInteger(-1);
  private final Thread thread;
  private volatile Throwable crashed;

  ContinuousProducer(String bootstrapServers, String topic) {
    thread = new Thread(() -> run(bootstrapServers, topic), "continuous-producer");
    thread.setDaemon(true);
    thread.start();
  }

  static String key(int n) {
    return "key-" + (n % KEYS);
  }

  private void run(String bootstrapServers, String topic) {
    try (KafkaProducer<String, String> producer = idempotentProducer(bootstrapServers)) {
      for (int i = 0; !stop.get(); i++) {
        inFlight.acquireUninterruptibly();
        int n = i;
        producer.send(
            new ProducerRecord<>(topic, key(n), Integer.toString(n)),
            (metadata, error) -> {
              if (error != null) {
                failed.put(n, error);
              } else {
                acked.put(n, new Ack(metadata.partition(), metadata.offset()));
              }
              inFlight.release();
            });
        sent.incrementAndGet();
      }
      producer.flush();
      retries.set(retryTotal(producer));
    } catch (RuntimeException | Error e) {
      crashed = e;
    }
  }

  /** An idempotent producer (acks=all) that retries without bound within a two-minute timeout. */
  static KafkaProducer<String, String> idempotentProducer(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, "4096");
    props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "50");
    props.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
    props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    // Long enough to ride through a broker restart, short enough to end a broken test.
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private static int retryTotal(KafkaProducer<String, String> producer) {
    for (Map.Entry<MetricName, ? extends Metric> metric : producer.metrics().entrySet()) {
      if (metric.getKey().group().equals("producer-metrics")
          && metric.getKey().name().equals("record-retry-total")) {
        return ((Number) metric.getValue().metricValue()).intValue();
      }
    }
    return -1;
  }

  void awaitAcked(int count, Duration timeout) {
    await("%d acknowledged records".formatted(count))
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              if (crashed != null) {
                throw new AssertionError("The producer thread failed", crashed);
              }
              return acked.size() >= count;
            });
  }

  /** Stops sending and waits until every record sent is acknowledged or failed. */
  void stop() throws InterruptedException {
    stop.set(true);
    thread.join(TimeUnit.SECONDS.toMillis(150));
    if (thread.isAlive()) {
      throw new AssertionError("The producer did not finish within 150 s");
    }
    if (crashed != null) {
      throw new AssertionError("The producer thread failed", crashed);
    }
  }

  /** Acknowledged records by number (a live view). */
  Map<Integer, Ack> acked() {
    return acked;
  }

  /** Failed sends by record number (a live view). */
  Map<Integer, Exception> failed() {
    return failed;
  }

  int sent() {
    return sent.get();
  }

  /** The producer's record-retry-total after {@link #stop}; -1 before or when unavailable. */
  int retries() {
    return retries.get();
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
