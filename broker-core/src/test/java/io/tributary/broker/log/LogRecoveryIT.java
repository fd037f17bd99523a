package io.tributary.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.testing.EmbeddedBroker;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.FileRecords;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A broker stopped as by {@code kill -9}, with the tail of its active segment cut or overwritten at
 * a random byte and some index files removed or garbled, comes back with every batch before the
 * damage and keeps serving.
 */
class LogRecoveryIT {
  private static final String TOPIC = "recovery";
  private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void recoversToTheLastWholeBatchAfterACrashAndKeepsServing(long seed) throws Exception {
    System.out.println("LogRecoveryIT seed " + seed);
    Random random = new Random(seed);
    try (EmbeddedBroker broker = EmbeddedBroker.start(Map.of("log.flush.interval.messages", "1"))) {
      // Given acknowledged records over several segments, fsynced on every write
      Clients.createTopic(
          broker.bootstrapServers(),
          TOPIC,
          Map.of("segment.bytes", "8192", "index.interval.bytes", "512"));
      Map<Long, String> acked = new HashMap<>();
      try (KafkaProducer<String, String> producer = Clients.producer(broker.bootstrapServers())) {
        for (int round = 0; round < 10; round++) {
          List<ProducerRecord<String, String>> records = new ArrayList<>();
          for (int i = 0; i < 40; i++) {
            String value = "r" + round + "-" + i + "-" + "x".repeat(random.nextInt(60));
            records.add(new ProducerRecord<>(TOPIC, "k" + i, value));
          }
          List<RecordMetadata> acks = Clients.send(producer, records);
          for (int i = 0; i < acks.size(); i++) {
            acked.put(acks.get(i).offset(), records.get(i).value());
          }
        }
      }
      // When the broker crashes
      broker.crash();
      Path dir = broker.dataDir().resolve(TOPIC + "-0");
      List<Path> logs;
      try (Stream<Path> files = Files.list(dir)) {
        logs = files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
      }
      assertThat(logs).hasSizeGreaterThan(2);
      Path active = logs.get(logs.size() - 1);
      long activeBase = Long.parseLong(active.getFileName().toString().substring(0, 20));
      // and the active segment is damaged at a random byte (cut, or garbage from there on)
      long size = Files.size(active);
      long damageAt = random.nextInt((int) size);
      long expectedEnd = activeBase;
      try (FileRecords records = FileRecords.open(active.toFile())) {
        for (FileChannelRecordBatch batch : records.batches()) {
          if (batch.position() + batch.sizeInBytes() <= damageAt) {
            expectedEnd = batch.nextOffset();
          }
        }
      }
      boolean garbage = random.nextBoolean();
      try (RandomAccessFile file = new RandomAccessFile(active.toFile(), "rw")) {
        if (garbage) {
          byte[] junk = new byte[(int) (size - damageAt)];
          random.nextBytes(junk);
          file.seek(damageAt);
          file.write(junk);
        } else {
          file.setLength(damageAt);
        }
      }
      // and an older segment's offset index is deleted, another's time index garbled
      Files.delete(Path.of(logs.get(0).toString().replace(".log", ".index")));
      Files.write(Path.of(logs.get(1).toString().replace(".log", ".timeindex")), new byte[] {1});
      System.out.printf(
          "seed %d: %s at byte %d of %d in segment %d; expecting the log to end at %d%n",
          seed, garbage ? "garbage" : "cut", damageAt, size, activeBase, expectedEnd);
      broker.startAgain();

      // Then every batch before the damage reads back as acknowledged, and nothing after it
      List<ConsumerRecord<String, String>> read = Clients.readAll(broker.bootstrapServers(), TP);
      assertThat(read).hasSize((int) expectedEnd);
      for (ConsumerRecord<String, String> record : read) {
        assertThat(record.value()).isEqualTo(acked.get(record.offset()));
      }
      assertThat(Files.size(Path.of(logs.get(0).toString().replace(".log", ".index"))))
          .isPositive();
      // and the broker takes new records at the recovered end and serves them
      try (KafkaProducer<String, String> producer = Clients.producer(broker.bootstrapServers())) {
        List<RecordMetadata> acks =
            Clients.send(producer, List.of(new ProducerRecord<>(TOPIC, "k", "after-crash")));
        assertThat(acks.get(0).offset()).isEqualTo(expectedEnd);
      }
      List<ConsumerRecord<String, String>> again = Clients.readAll(broker.bootstrapServers(), TP);
      assertThat(again.get(again.size() - 1).value()).isEqualTo("after-crash");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "9223372036854775807"})
  void nothingAcknowledgedIsLostWhenTheBrokerIsKilled(String flushMessages) throws Exception {
    try (EmbeddedBroker broker =
        EmbeddedBroker.start(Map.of("log.flush.interval.messages", flushMessages))) {
      Clients.createTopic(broker.bootstrapServers(), TOPIC, Map.of("segment.bytes", "4096"));
      List<ProducerRecord<String, String>> records = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        records.add(new ProducerRecord<>(TOPIC, "k" + i, "v" + i));
      }
      try (KafkaProducer<String, String> producer = Clients.producer(broker.bootstrapServers())) {
        Clients.send(producer, records);
      }
      // When the broker is killed (the OS keeps what was written) and started again
      broker.crash();
      broker.startAgain();
      // Then every acknowledged record is there
      List<ConsumerRecord<String, String>> read = Clients.readAll(broker.bootstrapServers(), TP);
      assertThat(read).hasSize(500);
      for (int i = 0; i < 500; i++) {
        assertThat(read.get(i).value()).isEqualTo("v" + i);
      }
    }
  }
}
