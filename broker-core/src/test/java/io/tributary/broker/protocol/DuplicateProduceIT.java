package io.tributary.broker.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.broker.testing.TestingProduceRequests;
import java.io.IOException;
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
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotent produce and InitProducerId at the protocol level, with the exact bytes resent. */
class DuplicateProduceIT {
  private static final String TOPIC = "dup";
  private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

  @TempDir Path tmp;

  private static void createTopic(EmbeddedBroker broker) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static InitProducerIdRequestData idempotent() {
    return new InitProducerIdRequestData().setTransactionalId(null);
  }

  private static InitProducerIdResponse initProducerId(
      TestingRawConnection connection, InitProducerIdRequestData data, short version)
      throws IOException {
    return (InitProducerIdResponse)
        connection.send(
            new InitProducerIdRequest.Builder(
                    data.setTransactionTimeoutMs(
                        data.transactionTimeoutMs() == 0
                            ? Integer.MAX_VALUE
                            : data.transactionTimeoutMs()))
                .build(version));
  }

  private static ProduceRequest produce(long producerId, int baseSequence, String... values) {
    SimpleRecord[] records = new SimpleRecord[values.length];
    for (int i = 0; i < values.length; i++) {
      records[i] = new SimpleRecord(values[i].getBytes());
    }
    MemoryRecords batch =
        MemoryRecords.withIdempotentRecords(
            Compression.NONE, producerId, (short) 0, baseSequence, records);
    return TestingProduceRequests.produce(TOPIC, 0, batch, (short) -1, (short) 11);
  }

  private static ProduceResponseData.PartitionProduceResponse partitionResponse(
      ProduceResponse response) {
    return response.data().responses().iterator().next().partitionResponses().get(0);
  }

  private static List<String> readAll(EmbeddedBroker broker) {
    List<String> values = new ArrayList<>();
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
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }

  @Test
  void theSameProduceRequestSentTwiceIsAcknowledgedWithTheSameBaseOffsetAndStoredOnce()
      throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        TestingRawConnection connection = new TestingRawConnection("127.0.0.1", broker.port())) {
      // Given a topic and an idempotent producer id
      createTopic(broker);
      InitProducerIdResponse init = initProducerId(connection, idempotent(), (short) 4);
      assertThat(init.error()).isEqualTo(Errors.NONE);
      assertThat(init.data().producerEpoch()).isZero();
      long producerId = init.data().producerId();
      assertThat(connection.send(produce(producerId, 0, "a")))
          .satisfies(r -> assertThat(partitionResponse((ProduceResponse) r).baseOffset()).isZero());
      // When the same request bytes are sent twice
      TestingRawConnection.Frame frame = connection.frame(produce(producerId, 1, "b", "c", "d"));
      ProduceResponse first = (ProduceResponse) connection.send(frame);
      ProduceResponse second = (ProduceResponse) connection.send(frame);
      // Then both are acknowledged with the same base offset
      assertThat(partitionResponse(first).errorCode()).isEqualTo(Errors.NONE.code());
      assertThat(partitionResponse(first).baseOffset()).isEqualTo(1);
      assertThat(partitionResponse(second).errorCode()).isEqualTo(Errors.NONE.code());
      assertThat(partitionResponse(second).baseOffset()).isEqualTo(1);
      // And a gap is rejected while the next batch in sequence follows the single copy
      ProduceResponse gap = (ProduceResponse) connection.send(produce(producerId, 9, "x"));
      assertThat(partitionResponse(gap).errorCode())
          .isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER.code());
      ProduceResponse next = (ProduceResponse) connection.send(produce(producerId, 4, "e"));
      assertThat(partitionResponse(next).baseOffset()).isEqualTo(4);
      assertThat(readAll(broker)).containsExactly("a", "b", "c", "d", "e");
    }
  }

  @Test
  void duplicatesAreStillDetectedAfterACrash() throws Exception {
    Path crashed = tmp.resolve("crashed");
    TestingRawConnection.Frame frame;
    long producerId;
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        TestingRawConnection connection = new TestingRawConnection("127.0.0.1", broker.port())) {
      // Given a batch appended by an idempotent producer
      createTopic(broker);
      producerId = initProducerId(connection, idempotent(), (short) 4).data().producerId();
      frame = connection.frame(produce(producerId, 0, "a", "b"));
      assertThat(partitionResponse((ProduceResponse) connection.send(frame)).baseOffset()).isZero();
      // And the data directory as a crash would leave it: copied while the broker runs
      copyTree(broker.dataDir(), crashed);
    }
    // When a broker starts on the crashed copy and the producer retries the request
    try (EmbeddedBroker restarted = EmbeddedBroker.start(crashed, Map.of());
        TestingRawConnection connection = new TestingRawConnection("127.0.0.1", restarted.port())) {
      ProduceResponse retry = (ProduceResponse) connection.send(frame);
      // Then the retry is acknowledged with the original offset and the log has one copy
      assertThat(partitionResponse(retry).errorCode()).isEqualTo(Errors.NONE.code());
      assertThat(partitionResponse(retry).baseOffset()).isZero();
      assertThat(readAll(restarted)).containsExactly("a", "b");
      // And the restarted broker hands out producer ids it never gave before the crash
      long newId = initProducerId(connection, idempotent(), (short) 4).data().producerId();
      assertThat(newId).isGreaterThan(producerId);
    }
  }

  @Test
  void initProducerIdRejectsTransactionalIdsAndHalfGivenProducerIds() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        TestingRawConnection connection = new TestingRawConnection("127.0.0.1", broker.port())) {
      // A transactional id: transactions are not supported yet
      assertThat(
              initProducerId(
                      connection,
                      idempotent().setTransactionalId("tx-1").setTransactionTimeoutMs(60_000),
                      (short) 4)
                  .error())
          .isEqualTo(Errors.UNSUPPORTED_VERSION);
      // A producer id without its epoch is an invalid request
      assertThat(initProducerId(connection, idempotent().setProducerId(5), (short) 3).error())
          .isEqualTo(Errors.INVALID_REQUEST);
      // An existing id and epoch (KIP-360, non-transactional): a fresh id at epoch 0
      InitProducerIdResponse first = initProducerId(connection, idempotent(), (short) 0);
      InitProducerIdResponse bumped =
          initProducerId(
              connection,
              idempotent().setProducerId(first.data().producerId()).setProducerEpoch((short) 0),
              (short) 5);
      assertThat(bumped.error()).isEqualTo(Errors.NONE);
      assertThat(bumped.data().producerId()).isNotEqualTo(first.data().producerId());
      assertThat(bumped.data().producerEpoch()).isZero();
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        Path copy = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(path, copy);
        }
      }
    }
  }

  @Test
  void anIdleProducerIsForgottenAfterTheExpirationTime() throws Exception {
    try (EmbeddedBroker broker =
            EmbeddedBroker.start(
                Map.of(
                    "producer.id.expiration.ms", "200",
                    "producer.id.expiration.check.interval.ms", "50"));
        TestingRawConnection connection = new TestingRawConnection("127.0.0.1", broker.port())) {
      // Given a producer that appended sequences 0..1
      createTopic(broker);
      long producerId = initProducerId(connection, idempotent(), (short) 4).data().producerId();
      connection.send(produce(producerId, 0, "a", "b"));
      // When it stays idle past producer.id.expiration.ms
      // Then the partition forgets it: a batch at sequence 7 is taken as from a new producer
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  partitionResponse((ProduceResponse) connection.send(produce(producerId, 7, "c")))
                          .errorCode()
                      == Errors.NONE.code());
      assertThat(readAll(broker)).containsExactly("a", "b", "c");
    }
  }
}
