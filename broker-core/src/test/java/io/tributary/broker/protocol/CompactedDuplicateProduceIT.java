package io.tributary.broker.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.broker.testing.TestingProduceRequests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * An idempotent producer's retry on a compacted topic after the cleaner removed its records and the
 * broker restarted without a producer state snapshot: the cleaner kept the producer's last batch
 * (emptied), so the state rebuilt from the log recognises the retry.
 */
class CompactedDuplicateProduceIT {
  private static final String TOPIC = "compacted-dup";
  private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
  private static final int UPDATES = 30;
  private static final int KEYS = 3;

  private static ProduceRequest produce(MemoryRecords records) {
    return TestingProduceRequests.produce(TOPIC, 0, records, (short) -1, (short) 11);
  }

  private static SimpleRecord record(String key, String value) {
    return new SimpleRecord(
        key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
  }

  private static ProduceRequest idempotent(
      long producerId, int sequence, String key, String value) {
    return produce(
        MemoryRecords.withIdempotentRecords(
            Compression.NONE, producerId, (short) 0, sequence, record(key, value)));
  }

  private static PartitionProduceResponse sent(
      TestingRawConnection connection, TestingRawConnection.Frame frame) throws Exception {
    ProduceResponse response = (ProduceResponse) connection.send(frame);
    return response.data().responses().iterator().next().partitionResponses().get(0);
  }

  private static PartitionProduceResponse sent(
      TestingRawConnection connection, ProduceRequest request) throws Exception {
    return sent(connection, connection.frame(request));
  }

  private static List<ConsumerRecord<String, String>> readAll(EmbeddedBroker broker) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", broker.bootstrapServers()),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.assign(List.of(TP));
      consumer.seekToBeginning(List.of(TP));
      long end = consumer.endOffsets(List.of(TP)).get(TP);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (consumer.position(TP) < end && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      assertThat(consumer.position(TP)).as("read to the end offset").isEqualTo(end);
    }
    return records;
  }

  private static long endOffset(EmbeddedBroker broker) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", broker.bootstrapServers()),
            new StringDeserializer(),
            new StringDeserializer())) {
      return consumer.endOffsets(List.of(TP)).get(TP);
    }
  }

  @Test
  void aRetryOfTheLastBatchIsADuplicateAfterCleaningAndARestartWithoutSnapshot() throws Exception {
    try (EmbeddedBroker broker =
        EmbeddedBroker.start(
            Map.of("log.cleaner.backoff.ms", "100", "log.retention.check.interval.ms", "100"))) {
      // Given a compacted topic whose segments roll after a second
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        admin
            .createTopics(
                List.of(
                    new NewTopic(TOPIC, 1, (short) 1)
                        .configs(
                            Map.of(
                                "cleanup.policy", "compact",
                                "segment.ms", "1000",
                                "min.cleanable.dirty.ratio", "0.01"))))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
      TestingRawConnection.Frame lastBatch;
      long lastBatchOffset;
      long producerId;
      try (TestingRawConnection connection = new TestingRawConnection("127.0.0.1", broker.port())) {
        InitProducerIdResponse init =
            (InitProducerIdResponse)
                connection.send(
                    new InitProducerIdRequest.Builder(
                            new InitProducerIdRequestData()
                                .setTransactionalId(null)
                                .setTransactionTimeoutMs(Integer.MAX_VALUE))
                        .build((short) 4));
        assertThat(init.error()).isEqualTo(Errors.NONE);
        producerId = init.data().producerId();
        // And an idempotent producer that wrote many updates of few keys, one batch each
        for (int seq = 0; seq < UPDATES - 1; seq++) {
          PartitionProduceResponse ack =
              sent(connection, idempotent(producerId, seq, "key-" + seq % KEYS, "p-" + seq));
          assertThat(ack.errorCode()).isEqualTo(Errors.NONE.code());
        }
        int last = UPDATES - 1;
        lastBatch = connection.frame(idempotent(producerId, last, "key-" + last % KEYS, "p-last"));
        PartitionProduceResponse lastAck = sent(connection, lastBatch);
        assertThat(lastAck.errorCode()).isEqualTo(Errors.NONE.code());
        lastBatchOffset = lastAck.baseOffset();
        // And later values for every key from a plain producer, so its records are all obsolete
        for (int i = 0; i < KEYS; i++) {
          PartitionProduceResponse ack =
              sent(
                  connection,
                  produce(
                      MemoryRecords.withRecords(
                          Compression.NONE, record("key-" + i, "plain-" + i))));
          assertThat(ack.errorCode()).isEqualTo(Errors.NONE.code());
        }
      }
      long end = endOffset(broker);
      // When the cleaner has removed every record of the idempotent producer
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () ->
                  assertThat(readAll(broker))
                      .extracting(ConsumerRecord::value)
                      .containsExactly("plain-0", "plain-1", "plain-2"));
      // And the broker restarts without a producer state snapshot
      broker.stop();
      try (Stream<Path> files = Files.list(broker.dataDir().resolve(TOPIC + "-0"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".snapshot")).toList()) {
          Files.delete(file);
        }
      }
      broker.startAgain();
      try (TestingRawConnection connection = new TestingRawConnection("127.0.0.1", broker.port())) {
        // When the producer's last produce request is sent again, byte for byte
        PartitionProduceResponse retry = sent(connection, lastBatch);
        // Then it is answered with the original offset and not appended again
        assertThat(retry.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(retry.baseOffset()).isEqualTo(lastBatchOffset);
        assertThat(endOffset(broker)).isEqualTo(end);
        assertThat(readAll(broker)).extracting(ConsumerRecord::value).doesNotContain("p-last");
        // And the producer's next batch follows on
        PartitionProduceResponse next =
            sent(connection, idempotent(producerId, UPDATES, "key-0", "p-next"));
        assertThat(next.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(next.baseOffset()).isEqualTo(end);
      }
    }
  }
}
