package io.tributary.broker.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.testing.EmbeddedBroker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Bad input never takes the broker down: while a kafka-clients producer and consumer keep working,
 * raw connections send garbage, absurd size prefixes, truncated frames, unknown APIs and versions.
 * Each bad connection gets the protocol's error or is closed; the good clients never notice.
 */
class BadInputIT {
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(20);
  private static final int IDLE_MS = 2000;

  @Test
  void garbageOnSomeConnectionsNeverDisturbsTheOthers() throws Exception {
    try (EmbeddedBroker broker =
        EmbeddedBroker.start(
            Map.of(
                "connections.max.idle.ms", String.valueOf(IDLE_MS),
                "socket.request.max.bytes", String.valueOf(1024 * 1024)))) {
      // Given a topic a producer keeps writing to and a consumer keeps reading from
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        admin
            .createTopics(List.of(new NewTopic("steady", 1, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
      AtomicBoolean running = new AtomicBoolean(true);
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      Set<String> consumed = ConcurrentHashMap.newKeySet();
      List<Throwable> producerErrors = new CopyOnWriteArrayList<>();
      AtomicReference<Throwable> consumerError = new AtomicReference<>();
      Thread producerThread =
          new Thread(
              () -> produce(broker, running, acknowledged, producerErrors), "steady-producer");
      Thread consumerThread =
          new Thread(
              () -> {
                try {
                  consume(broker, running, consumed);
                } catch (Throwable e) {
                  consumerError.set(e);
                }
              },
              "steady-consumer");
      producerThread.start();
      consumerThread.start();
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() > 100);

      // When raw connections send every kind of bad input
      randomBytes(broker);
      randomBodiesInValidFrames(broker);
      absurdSizePrefixes(broker);
      truncatedFrames(broker);
      unknownApiKey(broker);
      unsupportedVersions(broker);
      garbageBodyAfterAValidHeader(broker);
      futureApiVersions(broker);
      halfAFrameThenStall(broker);
      int acknowledgedDuringAttack = acknowledged.size();

      // Then the producer and consumer kept going without a single error
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> acknowledged.size() > acknowledgedDuringAttack + 100);
      running.set(false);
      producerThread.join(60_000);
      assertThat(producerErrors).isEmpty();
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> consumed.containsAll(acknowledged));
      consumerThread.join(60_000);
      assertThat(consumerError.get()).isNull();
      // And every acknowledged record is readable from the start by a new consumer (a set
      // difference: AssertJ's containsAll scans the actual values once per expected value)
      Set<String> missing = new HashSet<>(acknowledged);
      missing.removeAll(readAll(broker));
      assertThat(missing).as("acknowledged records not read back").isEmpty();
      // And the broker still accepts connections
      try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
        ApiVersionsResponse versions =
            client.send(new ApiVersionsRequest.Builder().build((short) 3));
        assertThat(versions.data().errorCode()).isEqualTo(Errors.NONE.code());
      }
    }
  }

  @Test
  void clientsAnnouncingHugeFramesDoNotMakeTheBrokerAllocateThem() throws Exception {
    // Given a broker accepting requests of up to 100 MB (the default socket.request.max.bytes)
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      List<RawClient> announcers = new ArrayList<>();
      try {
        // When 100 connections each announce a 100 MB request (10 GB in all, more than this
        // JVM's heap) and send only its first bytes
        for (int i = 0; i < 100; i++) {
          RawClient client = RawClient.connect(broker.bootstrapServers());
          announcers.add(client);
          client.sendBytes(ByteBuffer.allocate(16).putInt(100 * 1024 * 1024).array());
        }
        // Then the broker keeps serving everyone else
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
          admin
              .createTopics(List.of(new NewTopic("still-serving", 1, (short) 1)))
              .all()
              .get(30, TimeUnit.SECONDS);
          assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
              .contains("still-serving");
        }
        // And the announcing connections are still open, waiting for their bytes
        for (RawClient client : announcers) {
          assertThat(client.answersOrCloses(Duration.ofMillis(10))).isFalse();
        }
      } finally {
        announcers.forEach(RawClient::close);
      }
    }
  }

  @Test
  void aConnectionWaitingForItsResponseIsNotIdle() throws Exception {
    // Given a broker closing connections idle for 500 ms, and an empty topic
    try (EmbeddedBroker broker = EmbeddedBroker.start(Map.of("connections.max.idle.ms", "500"));
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic("quiet", 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
        // When a fetch long-polls for 3 s, far beyond the idle time
        FetchRequest longPoll =
            FetchRequest.Builder.forConsumer(
                    (short) 12,
                    3000,
                    1,
                    Map.of(
                        new TopicPartition("quiet", 0),
                        new FetchRequest.PartitionData(
                            org.apache.kafka.common.Uuid.ZERO_UUID,
                            0,
                            0,
                            1024,
                            java.util.Optional.empty())))
                .build((short) 12);
        FetchResponse response = client.send(longPoll);
        // Then it gets its (empty) answer instead of a closed connection
        assertThat(response.error()).isEqualTo(Errors.NONE);
        assertThat(response.data().responses().get(0).partitions().get(0).errorCode())
            .isEqualTo(Errors.NONE.code());
        // And once really idle, the connection is closed
        assertThat(client.closedByBroker(Duration.ofSeconds(20))).isTrue();
      }
    }
  }

  private static void produce(
      EmbeddedBroker broker,
      AtomicBoolean running,
      Set<String> acknowledged,
      List<Throwable> errors) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      long i = 0;
      while (running.get()) {
        String value = "record-" + i++;
        producer.send(
            new ProducerRecord<>("steady", value),
            (metadata, error) -> {
              if (error != null) {
                errors.add(error);
              } else {
                acknowledged.add(value);
              }
            });
        if (i % 50 == 0) {
          producer.flush();
        }
      }
      producer.flush();
    } catch (Throwable e) {
      errors.add(e);
    }
  }

  private static void consume(EmbeddedBroker broker, AtomicBoolean running, Set<String> consumed) {
    try (KafkaConsumer<String, String> consumer = consumer(broker)) {
      TopicPartition tp = new TopicPartition("steady", 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long idleUntil = Long.MAX_VALUE;
      while (running.get() || System.nanoTime() < idleUntil) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          consumed.add(record.value());
        }
        if (!running.get() && idleUntil == Long.MAX_VALUE) {
          idleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        }
      }
    }
  }

  private static KafkaConsumer<String, String> consumer(EmbeddedBroker broker) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }

  private static Set<String> readAll(EmbeddedBroker broker) {
    Set<String> values = ConcurrentHashMap.newKeySet();
    try (KafkaConsumer<String, String> consumer = consumer(broker)) {
      TopicPartition tp = new TopicPartition("steady", 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      while (consumer.position(tp) < end) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
      }
    }
    return values;
  }

  /** Streams of random bytes: mostly absurd size prefixes, some small frames of garbage. */
  private static void randomBytes(EmbeddedBroker broker) {
    for (int seed = 0; seed < 200; seed++) {
      Random random = new Random(seed);
      byte[] bytes = new byte[1 + random.nextInt(4096)];
      random.nextBytes(bytes);
      try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
        sendIgnoringReset(client, bytes);
      }
    }
  }

  /** Well-framed requests whose content is random: each is answered or its connection closed. */
  private static void randomBodiesInValidFrames(EmbeddedBroker broker) {
    for (int seed = 0; seed < 200; seed++) {
      Random random = new Random(seed);
      byte[] payload = new byte[random.nextInt(512)];
      random.nextBytes(payload);
      try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
        client.sendFrame(ByteBuffer.wrap(payload));
        assertThat(client.answersOrCloses(CLOSE_WAIT)).as("seed %d", seed).isTrue();
      }
    }
  }

  private static void absurdSizePrefixes(EmbeddedBroker broker) {
    for (int size :
        new int[] {-1, -100_000, Integer.MIN_VALUE, 1024 * 1024 + 1, Integer.MAX_VALUE}) {
      try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
        client.sendBytes(ByteBuffer.allocate(4).putInt(size).array());
        assertThat(client.closedByBroker(CLOSE_WAIT)).as("size prefix %d", size).isTrue();
      }
    }
  }

  /** A frame cut short, then the client goes away: the broker just drops the connection. */
  private static void truncatedFrames(EmbeddedBroker broker) {
    ApiVersionsRequest request = new ApiVersionsRequest.Builder().build((short) 3);
    for (int cut = 1; cut < 20; cut++) {
      try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
        ByteBuffer payload = request.serializeWithHeader(client.header(request));
        byte[] frame = new byte[4 + payload.remaining()];
        ByteBuffer.wrap(frame).putInt(payload.remaining()).put(payload);
        byte[] truncated = new byte[Math.max(1, frame.length - cut)];
        System.arraycopy(frame, 0, truncated, 0, truncated.length);
        client.sendBytes(truncated);
      }
    }
  }

  private static void unknownApiKey(EmbeddedBroker broker) {
    try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
      client.sendFrame(rawHeader((short) 999, (short) 0, 7));
      assertThat(client.closedByBroker(CLOSE_WAIT)).isTrue();
    }
  }

  private static void unsupportedVersions(EmbeddedBroker broker) {
    // A version no Kafka release defines: the connection is closed, as Apache Kafka does
    try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
      client.sendFrame(rawHeader(ApiKeys.METADATA.id, (short) 99, 8));
      assertThat(client.closedByBroker(CLOSE_WAIT)).isTrue();
    }
    // A version kafka-clients knows but this broker does not serve: UNSUPPORTED_VERSION
    try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
      FetchRequest oldFetch =
          FetchRequest.Builder.forConsumer(
                  (short) 3,
                  0,
                  1,
                  Map.of(
                      new TopicPartition("steady", 0),
                      new FetchRequest.PartitionData(
                          org.apache.kafka.common.Uuid.ZERO_UUID,
                          0,
                          0,
                          1024,
                          java.util.Optional.empty())))
              .build((short) 3);
      FetchResponse response = client.send(oldFetch);
      assertThat(response.errorCounts()).containsKey(Errors.UNSUPPORTED_VERSION);
      // and the connection stays usable
      ApiVersionsResponse versions = client.send(new ApiVersionsRequest.Builder().build((short) 3));
      assertThat(versions.data().errorCode()).isEqualTo(Errors.NONE.code());
    }
  }

  private static void garbageBodyAfterAValidHeader(EmbeddedBroker broker) {
    for (ApiKeys api :
        List.of(ApiKeys.METADATA, ApiKeys.PRODUCE, ApiKeys.FETCH, ApiKeys.CREATE_TOPICS)) {
      for (int seed = 0; seed < 10; seed++) {
        Random random = new Random(seed);
        ByteBuffer header = rawHeader(api.id, api.latestVersion(), seed);
        byte[] body = new byte[1 + random.nextInt(200)];
        random.nextBytes(body);
        ByteBuffer frame = ByteBuffer.allocate(header.remaining() + body.length);
        frame.put(header).put(body).flip();
        try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
          client.sendFrame(frame);
          // answered with an error or closed; either way the broker does not hang on to it
          assertThat(client.answersOrCloses(CLOSE_WAIT)).as("%s seed %d", api, seed).isTrue();
        }
      }
    }
  }

  /** KIP-511: a newer client's ApiVersions gets UNSUPPORTED_VERSION in the v0 layout. */
  private static void futureApiVersions(EmbeddedBroker broker) {
    try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
      // kafka-clients cannot write a version it does not know: write v3 and patch the header's
      // version field (header v2 is the same for every flexible ApiVersions version).
      short future = (short) (ApiKeys.API_VERSIONS.latestVersion() + 10);
      ApiVersionsRequest v3 = new ApiVersionsRequest.Builder().build((short) 3);
      ByteBuffer payload =
          v3.serializeWithHeader(
              new RequestHeader(ApiKeys.API_VERSIONS, (short) 3, "from-the-future", 42));
      payload.putShort(2, future);
      client.sendFrame(payload);
      ByteBuffer response = client.readFrame();
      ResponseHeader responseHeader = ResponseHeader.parse(response, (short) 0);
      assertThat(responseHeader.correlationId()).isEqualTo(42);
      ApiVersionsResponse versions = ApiVersionsResponse.parse(response, (short) 0);
      assertThat(versions.data().errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
      ApiVersion apiVersions = versions.data().apiKeys().find(ApiKeys.API_VERSIONS.id);
      assertThat(apiVersions.minVersion()).isEqualTo((short) 0);
      assertThat(apiVersions.maxVersion()).isEqualTo((short) 3);
      assertThat(versions.data().apiKeys().find(ApiKeys.DESCRIBE_CONFIGS.id)).isNotNull();
    }
  }

  /** Half a frame, then silence: closed after connections.max.idle.ms, others unaffected. */
  private static void halfAFrameThenStall(EmbeddedBroker broker) {
    List<RawClient> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        RawClient client = RawClient.connect(broker.bootstrapServers());
        stalled.add(client);
        // announces the largest allowed frame and sends only a few bytes of it
        client.sendBytes(ByteBuffer.allocate(12).putInt(1024 * 1024).putInt(0).putInt(0).array());
      }
      for (RawClient client : stalled) {
        assertThat(client.closedByBroker(Duration.ofMillis(IDLE_MS * 10L))).isTrue();
      }
    } finally {
      stalled.forEach(RawClient::close);
    }
  }

  private static void sendIgnoringReset(RawClient client, byte[] bytes) {
    try {
      client.sendBytes(bytes);
    } catch (java.io.UncheckedIOException e) {
      // The broker may already have closed the connection after reading a bad size prefix.
    }
  }

  /** A request header (v1 layout) with no body. */
  private static ByteBuffer rawHeader(short apiKey, short version, int correlationId) {
    byte[] clientId = "raw".getBytes(StandardCharsets.UTF_8);
    ByteBuffer header = ByteBuffer.allocate(2 + 2 + 4 + 2 + clientId.length);
    header.putShort(apiKey).putShort(version).putInt(correlationId);
    header.putShort((short) clientId.length).put(clientId).flip();
    return header;
  }
}
