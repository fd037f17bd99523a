package io.tributary.broker.testing;

import java.util.List;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceDataCollection;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.requests.ProduceRequest;

/** Produce requests for one partition, for tests that speak the protocol directly. */
public final class TestingProduceRequests {
  private TestingProduceRequests() {}

  /**
   * A produce request of {@code records} to one partition.
   *
   * @param acks -1, 0 or 1 (or an invalid value, to test its rejection)
   * @param version the Produce API version to build
   */
  public static ProduceRequest produce(
      String topic, int partition, MemoryRecords records, short acks, short version) {
    ProduceRequestData data =
        new ProduceRequestData()
            .setAcks(acks)
            .setTimeoutMs(30_000)
            .setTopicData(
                new TopicProduceDataCollection(
                    List.of(
                            new TopicProduceData()
                                .setName(topic)
                                .setPartitionData(
                                    List.of(
                                        new PartitionProduceData()
                                            .setIndex(partition)
                                            .setRecords(records))))
                        .iterator()));
    return ProduceRequest.forCurrentMagic(data).build(version);
  }
}
