package io.tributary.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling of any Kafka Connect API pipeline on this machine: the same file -> topic -> file job
 * with kafka-clients alone, no worker and no connector. One thread reads the source file's lines as
 * bytes and sends each as one record (with the producer settings Tributary's worker gives its
 * source tasks: idempotent, acks=all, linger.ms 5, batch.size 65536); another consumes the topic
 * and writes each value and a newline to the sink file. No strings, no converters, no offsets
 * beyond the consumer's position.
 *
 * <p>Runs in a JVM of its own, launched by {@link ClientsCeiling}: {@code ClientsPipeline bootstrap
 * topic sourceFile sinkFile lines resultFile}. Writes {@code wallNanos cpuNanos} to the result file
 * once the sink file holds every line: the wall time from the first send, the process CPU time
 * since then.
 */
public final class ClientsPipeline {
  private static final int READ_BUFFER = 1 << 20;

  private ClientsPipeline() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println("usage: ClientsPipeline bootstrap topic sourceFile sinkFile lines result");
      System.exit(2);
    }
    String bootstrap = args[0];
    String topic = args[1];
    Path source = Path.of(args[2]);
    Path sink = Path.of(args[3]);
    long lines = Long.parseLong(args[4]);
    Path result = Path.of(args[5]);

    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings(bootstrap));
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings(bootstrap));
    TopicPartition partition = new TopicPartition(topic, 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    consumer.position(partition); // connects before the clock starts, as a started worker has

    long startNanos = System.nanoTime();
    long startCpu = processCpuNanos();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread sender =
        new Thread(
            () -> {
              try {
                send(producer, topic, source);
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              }
            },
            "clients-pipeline-producer");
    sender.start();
    long written = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(sink), 1 << 20)) {
      while (written < lines) {
        if (failure.get() != null) {
          throw new IllegalStateException("The producer failed", failure.get());
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          out.write(record.value());
          out.write('\n');
          written++;
        }
        out.flush();
      }
    }
    long wall = System.nanoTime() - startNanos;
    long cpu = processCpuNanos() - startCpu;
    sender.join();
    producer.close();
    consumer.close();
    Files.writeString(result, wall + " " + cpu + "\n");
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String topic, Path source)
      throws IOException {
    byte[] buffer = new byte[READ_BUFFER];
    byte[] pending = new byte[0];
    try (InputStream in = new BufferedInputStream(Files.newInputStream(source), READ_BUFFER)) {
      int read;
      while ((read = in.read(buffer)) > 0) {
        int start = 0;
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n') {
            byte[] line;
            if (pending.length > 0) {
              line = Arrays.copyOf(pending, pending.length + i - start);
              System.arraycopy(buffer, start, line, pending.length, i - start);
              pending = new byte[0];
            } else {
              line = Arrays.copyOfRange(buffer, start, i);
            }
            producer.send(new ProducerRecord<>(topic, 0, null, line));
            start = i + 1;
          }
        }
        if (start < read) {
          byte[] rest = Arrays.copyOf(pending, pending.length + read - start);
          System.arraycopy(buffer, start, rest, pending.length, read - start);
          pending = rest;
        }
      }
    }
    producer.flush();
  }

  private static Map<String, Object> producerSettings(String bootstrap) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap,
        ProducerConfig.ACKS_CONFIG,
        "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
        "true",
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
        "5",
        ProducerConfig.LINGER_MS_CONFIG,
        System.getProperty("clients.linger.ms", "5"),
        ProducerConfig.BATCH_SIZE_CONFIG,
        System.getProperty("clients.batch.size", "65536"),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
        ByteArraySerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
        ByteArraySerializer.class.getName());
  }

  private static Map<String, Object> consumerSettings(String bootstrap) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
        "false",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
        ByteArrayDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        ByteArrayDeserializer.class.getName());
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
