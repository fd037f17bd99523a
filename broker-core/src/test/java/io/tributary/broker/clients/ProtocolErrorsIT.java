package io.tributary.broker.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.broker.testing.TestingProduceRequests;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicCollection;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfigCollection;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DeleteTopicsResponse;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeClusterResponse;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests Apache Kafka answers with an error code get the same code from broker-core (sent raw, so
 * no client-side check gets in the way), and kafka-clients surface them as the usual exceptions.
 */
class ProtocolErrorsIT {
  private static EmbeddedBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedBroker.start(Map.of("message.max.bytes", "10000"));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic("two-partitions", 2, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static ProduceRequest produce(String topic, int partition, MemoryRecords records) {
    return TestingProduceRequests.produce(topic, partition, records, (short) 1, (short) 9);
  }

  private static Errors produceError(ProduceRequest request) {
    try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
      ProduceResponse response = client.send(request);
      return Errors.forCode(
          response.data().responses().iterator().next().partitionResponses().get(0).errorCode());
    }
  }

  private static MemoryRecords records(int valueBytes) {
    return MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(new byte[valueBytes]));
  }

  @Test
  void produceToAMissingTopicOrPartitionIsUnknownTopicOrPartition() {
    assertThat(produceError(produce("no-such-topic", 0, records(10))))
        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
    assertThat(produceError(produce("two-partitions", 2, records(10))))
        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
    // An invalid name cannot be a partition of this broker either
    assertThat(produceError(produce("bad name!", 0, records(10))))
        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
  }

  @Test
  void aBatchAboveMessageMaxBytesIsMessageTooLarge() {
    assertThat(produceError(produce("two-partitions", 0, records(20_000))))
        .isEqualTo(Errors.MESSAGE_TOO_LARGE);
  }

  @Test
  void aBatchWithAFlippedByteIsCorruptMessage() {
    // Given a valid batch whose last byte (inside the CRC-covered records) is flipped
    MemoryRecords records = records(100);
    ByteBuffer buffer = records.buffer();
    int last = buffer.limit() - 1;
    buffer.put(last, (byte) (buffer.get(last) ^ 0xFF));
    // Then the produce fails with CORRUPT_MESSAGE and nothing is appended
    assertThat(produceError(produce("two-partitions", 1, records)))
        .isEqualTo(Errors.CORRUPT_MESSAGE);
  }

  @Test
  void theProducerSeesRecordTooLargeException() {
    // Given a producer that itself would send up to 1 MB, and a broker with message.max.bytes 10000
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.RETRIES_CONFIG, 0);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      // When a 50 kB record is sent, then the broker's MESSAGE_TOO_LARGE reaches the caller
      assertThatThrownBy(
              () ->
                  producer
                      .send(new ProducerRecord<>("two-partitions", 0, null, new byte[50_000]))
                      .get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(RecordTooLargeException.class);
    }
  }

  @Test
  void fetchOfAMissingPartitionOrTopicId() {
    try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
      // A partition beyond the count (by name, v12)
      FetchRequest byName =
          FetchRequest.Builder.forConsumer(
                  (short) 12,
                  0,
                  1,
                  Map.of(
                      new TopicPartition("two-partitions", 5),
                      new FetchRequest.PartitionData(Uuid.ZERO_UUID, 0, 0, 1024, Optional.empty())))
              .build((short) 12);
      FetchResponse response = client.send(byName);
      assertThat(response.data().responses().get(0).partitions().get(0).errorCode())
          .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
      // An unknown topic id (v13+)
      Uuid unknown = Uuid.randomUuid();
      FetchRequest byId =
          FetchRequest.Builder.forConsumer(
                  (short) 16,
                  0,
                  1,
                  Map.of(
                      new TopicPartition("whatever", 0),
                      new FetchRequest.PartitionData(unknown, 0, 0, 1024, Optional.empty())))
              .build((short) 16);
      FetchResponse byIdResponse = client.send(byId);
      assertThat(byIdResponse.data().responses().get(0).partitions().get(0).errorCode())
          .isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
    }
  }

  @Test
  void invalidTopicNamesAreInvalidTopicException() {
    String tooLong = "x".repeat(250);
    try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
      MetadataResponse metadata =
          client.send(
              new MetadataRequest.Builder(
                      new MetadataRequestData()
                          .setTopics(
                              List.of(
                                  new MetadataRequestData.MetadataRequestTopic()
                                      .setName("bad name!"),
                                  new MetadataRequestData.MetadataRequestTopic().setName(tooLong)))
                          .setAllowAutoTopicCreation(true))
                  .build((short) 12));
      assertThat(metadata.data().topics())
          .allSatisfy(
              t -> assertThat(t.errorCode()).isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code()));

      CreateTopicsResponse created = client.send(createTopic("bad/name", Map.of()));
      assertThat(created.data().topics().find("bad/name").errorCode())
          .isEqualTo(Errors.INVALID_TOPIC_EXCEPTION.code());
    }
  }

  @Test
  void createTopicsWithABadConfigIsInvalidConfigNotAServerError() {
    try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
      CreateTopicsResponse response =
          client.send(createTopic("bad-config", Map.of("segment.bytes", "tiny")));
      CreateTopicsResponseData.CreatableTopicResult result =
          response.data().topics().find("bad-config");
      assertThat(result.errorCode()).isEqualTo(Errors.INVALID_CONFIG.code());
      assertThat(result.errorMessage()).contains("segment.bytes").contains("tiny");
    }
  }

  private static CreateTopicsRequest createTopic(String name, Map<String, String> configs) {
    CreatableTopicConfigCollection configCollection = new CreatableTopicConfigCollection();
    configs.forEach(
        (k, v) -> configCollection.add(new CreatableTopicConfig().setName(k).setValue(v)));
    CreatableTopicCollection topics = new CreatableTopicCollection();
    topics.add(
        new CreatableTopic()
            .setName(name)
            .setNumPartitions(1)
            .setReplicationFactor((short) 1)
            .setConfigs(configCollection));
    return new CreateTopicsRequest.Builder(
            new CreateTopicsRequestData().setTopics(topics).setTimeoutMs(30_000))
        .build((short) 7);
  }

  @Test
  void describeConfigsOfAnotherBrokerIsInvalidRequest() {
    try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
      DescribeConfigsResponse response =
          client.send(
              new DescribeConfigsRequest.Builder(
                      new DescribeConfigsRequestData()
                          .setResources(
                              List.of(
                                  new DescribeConfigsResource()
                                      .setResourceType(ConfigResource.Type.BROKER.id())
                                      .setResourceName("7"),
                                  new DescribeConfigsResource()
                                      .setResourceType(ConfigResource.Type.BROKER.id())
                                      .setResourceName("one"))))
                  .build((short) 4));
      assertThat(response.data().results())
          .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code()));
      assertThat(response.data().results().get(0).errorMessage()).contains("7");
    }
  }

  @Test
  void withoutAutoCreationUnknownTopicsStayUnknown() throws Exception {
    // Given a broker with auto.create.topics.enable=false
    try (EmbeddedBroker strict =
        EmbeddedBroker.start(Map.of("auto.create.topics.enable", "false"))) {
      // When a producer sends to a topic that does not exist
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, strict.bootstrapServers());
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
      props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
        // Then it times out waiting for metadata
        assertThatThrownBy(
                () ->
                    producer
                        .send(new ProducerRecord<>("never-created", new byte[] {1}))
                        .get(30, TimeUnit.SECONDS))
            .hasCauseInstanceOf(TimeoutException.class)
            .hasMessageContaining("not present in metadata");
      }
      // And metadata reports UNKNOWN_TOPIC_OR_PARTITION; no topic was created
      try (RawClient client = RawClient.connect(strict.bootstrapServers())) {
        MetadataResponse metadata =
            client.send(
                new MetadataRequest.Builder(List.of("never-created"), true).build((short) 12));
        assertThat(metadata.data().topics().find("never-created").errorCode())
            .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
      }
      assertThat(Files.exists(strict.dataDir().resolve("topics/never-created.json"))).isFalse();
    }
  }

  @Test
  void describeClusterAskedForControllersIsMismatchedEndpointType() {
    try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
      DescribeClusterResponse response =
          client.send(
              new DescribeClusterRequest.Builder(
                      new DescribeClusterRequestData().setEndpointType((byte) 2))
                  .build((short) 1));
      assertThat(response.data().errorCode()).isEqualTo(Errors.MISMATCHED_ENDPOINT_TYPE.code());
    }
  }

  @Test
  void deleteTopicsWithBothNameAndIdOrDuplicatesIsInvalidRequest() {
    try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
      DeleteTopicsResponse response =
          client.send(
              new DeleteTopicsRequest.Builder(
                      new DeleteTopicsRequestData()
                          .setTopics(
                              List.of(
                                  new DeleteTopicState()
                                      .setName("two-partitions")
                                      .setTopicId(Uuid.randomUuid()),
                                  new DeleteTopicState().setName("twice"),
                                  new DeleteTopicState().setName("twice"),
                                  new DeleteTopicState())))
                  .build((short) 6));
      assertThat(response.data().responses())
          .hasSize(3)
          .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code()));
    }
    // And nothing was deleted
    try (RawClient client = RawClient.connect(broker.bootstrapServers())) {
      MetadataResponse metadata =
          client.send(
              new MetadataRequest.Builder(List.of("two-partitions"), false).build((short) 12));
      assertThat(metadata.data().topics().find("two-partitions").errorCode())
          .isEqualTo(Errors.NONE.code());
    }
  }
}
