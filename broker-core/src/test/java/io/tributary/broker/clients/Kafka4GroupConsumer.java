package io.tributary.broker.clients;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A Kafka 4.x KafkaConsumer (classic group protocol, the 4.x default) subscribed in a group, driven
 * through reflection since its classes live in {@link Kafka4Clients}' class loader. Polls on its
 * own thread and commits after every non-empty poll.
 */
final class Kafka4GroupConsumer implements AutoCloseable {
  private final Object consumer;
  private final Thread thread;
  private final Queue<String> values = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;
  private volatile Set<String> assignment = Set.of();
  private volatile String version = "";
  private volatile Throwable failure;

  Kafka4GroupConsumer(String bootstrapServers, String groupId, String topic) throws Exception {
    ClassLoader loader = Kafka4Clients.classLoader();
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", groupId);
    props.put("auto.offset.reset", "earliest");
    props.put("enable.auto.commit", "false");
    props.put("heartbeat.interval.ms", "300");
    props.put("session.timeout.ms", "10000");
    props.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    props.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(loader);
    try {
      Class<?> type = loader.loadClass("org.apache.kafka.clients.consumer.KafkaConsumer");
      consumer = type.getConstructor(Properties.class).newInstance(props);
      Properties versionInfo = new Properties();
      try (var in = loader.getResourceAsStream("kafka/kafka-version.properties")) {
        versionInfo.load(in);
      }
      version = versionInfo.getProperty("version", "");
    } finally {
      current.setContextClassLoader(previous);
    }
    thread = new Thread(() -> run(topic), "kafka4-consumer-" + groupId);
    thread.setDaemon(true);
    thread.start();
  }

  private void run(String topic) {
    try {
      Class<?> type = consumer.getClass();
      type.getMethod("subscribe", Collection.class).invoke(consumer, List.of(topic));
      Method poll = type.getMethod("poll", Duration.class);
      Method commitSync = type.getMethod("commitSync");
      Method assigned = type.getMethod("assignment");
      while (running) {
        Iterable<?> records = (Iterable<?>) poll.invoke(consumer, Duration.ofMillis(100));
        boolean any = false;
        for (Object record : records) {
          values.add((String) record.getClass().getMethod("value").invoke(record));
          any = true;
        }
        if (any) {
          commitSync.invoke(consumer);
        }
        Set<String> partitions = new HashSet<>();
        for (Object tp : (Collection<?>) assigned.invoke(consumer)) {
          partitions.add(tp.toString());
        }
        assignment = Set.copyOf(partitions);
      }
    } catch (Throwable t) {
      if (running) {
        failure = t;
      }
    } finally {
      try {
        consumer
            .getClass()
            .getMethod("close", Duration.class)
            .invoke(consumer, Duration.ofSeconds(10));
      } catch (ReflectiveOperationException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
  }

  /** The clients version actually loaded. */
  String version() {
    return version;
  }

  List<String> values() {
    return List.copyOf(values);
  }

  /** Assigned partitions as "topic-partition" strings. */
  Set<String> assignment() {
    return assignment;
  }

  Throwable failure() {
    return failure;
  }

  @Override
  public void close() throws Exception {
    running = false;
    thread.join(30_000);
    if (failure != null) {
      throw new AssertionError("The Kafka 4.x consumer failed", failure);
    }
  }
}
