package io.tributary.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Log compaction seen by real clients: latest value per key, tombstones expire, reads go on. */
class CompactionIT {
  private static final String TOPIC = "compacted";
  private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
  private static final String TOMBSTONE = "<tombstone>";

  @Test
  void consumersFromTheStartSeeTheLatestValuePerKeyWhileCleaningRuns() throws Exception {
    try (EmbeddedBroker broker =
        EmbeddedBroker.start(
            Map.of("log.cleaner.backoff.ms", "100", "log.retention.check.interval.ms", "100"))) {
      String bootstrap = broker.bootstrapServers();
      // Given a compacted topic with small segments that roll within a second
      Clients.createTopic(
          bootstrap,
          TOPIC,
          Map.of(
              "cleanup.policy", "compact",
              "segment.bytes", "4096",
              "segment.ms", "1000",
              "min.cleanable.dirty.ratio", "0.01",
              "delete.retention.ms", "3000"));
      // and a reader that reads the whole partition again and again during the test
      Map<Long, String> produced = new ConcurrentHashMap<>();
      List<Throwable> readerErrors = new CopyOnWriteArrayList<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger passes = new AtomicInteger();
      Thread reader =
          new Thread(
              () -> {
                while (!stop.get()) {
                  try {
                    long last = -1;
                    for (ConsumerRecord<String, String> r : Clients.readAll(bootstrap, TP)) {
                      if (r.offset() <= last) {
                        throw new AssertionError("offsets went back at " + r.offset());
                      }
                      String expected = produced.get(r.offset());
                      String actual = r.value() == null ? TOMBSTONE : r.value();
                      if (expected != null && !expected.equals(actual)) {
                        throw new AssertionError(
                            "offset " + r.offset() + " holds " + r.value() + ", not " + expected);
                      }
                      last = r.offset();
                    }
                    passes.incrementAndGet();
                  } catch (Throwable e) {
                    readerErrors.add(e);
                    return;
                  }
                }
              },
              "compaction-reader");
      // When many updates per key and some deletes are produced
      Random random = new Random(42);
      TreeMap<String, String> expected = new TreeMap<>();
      try (KafkaProducer<String, String> producer = Clients.producer(bootstrap)) {
        for (int round = 0; round < 20; round++) {
          List<ProducerRecord<String, String>> records = new ArrayList<>();
          for (int i = 0; i < 100; i++) {
            String key = "key-" + random.nextInt(40);
            String value = random.nextInt(12) == 0 ? null : "value-" + round + "-" + i;
            records.add(new ProducerRecord<>(TOPIC, key, value));
          }
          List<RecordMetadata> acks = Clients.send(producer, records);
          for (int i = 0; i < acks.size(); i++) {
            String value = records.get(i).value();
            produced.put(acks.get(i).offset(), value == null ? TOMBSTONE : value);
            if (records.get(i).value() == null) {
              expected.remove(records.get(i).key());
            } else {
              expected.put(records.get(i).key(), records.get(i).value());
            }
          }
          if (round == 2) {
            reader.start();
          }
        }
        // (a record without a key is refused, as Kafka does for compacted topics)
        assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, null, "x")).get())
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(InvalidRecordException.class);
      }

      // Then, once cleaned, a reader from the start sees one record per key, the latest
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                List<ConsumerRecord<String, String>> all = Clients.readAll(bootstrap, TP);
                Map<String, String> seen = new HashMap<>();
                for (ConsumerRecord<String, String> r : all) {
                  assertThat(seen.containsKey(r.key())).as("key %s twice", r.key()).isFalse();
                  seen.put(r.key(), r.value());
                }
                seen.values().removeIf(v -> v == null);
                assertThat(new TreeMap<>(seen)).isEqualTo(expected);
              });
      // and after delete.retention.ms the tombstones are gone too
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                List<ConsumerRecord<String, String>> all = Clients.readAll(bootstrap, TP);
                assertThat(all).noneMatch(r -> r.value() == null);
                Map<String, String> seen = new TreeMap<>();
                all.forEach(r -> seen.put(r.key(), r.value()));
                assertThat(seen).isEqualTo(expected);
              });
      // and the reader never failed while segments were swapped under it
      await().atMost(Duration.ofSeconds(30)).until(() -> passes.get() >= 3);
      stop.set(true);
      reader.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(readerErrors).isEmpty();
      // and the cleaned log survives a restart
      broker.restart();
      Map<String, String> afterRestart = new TreeMap<>();
      Clients.readAll(broker.bootstrapServers(), TP)
          .forEach(r -> afterRestart.put(r.key(), r.value()));
      assertThat(afterRestart).isEqualTo(expected);
    }
  }
}
