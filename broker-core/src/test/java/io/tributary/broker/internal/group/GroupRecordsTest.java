package io.tributary.broker.internal.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupRecordsTest {

  @Test
  void offsetRecordsRoundTrip() {
    TopicPartition tp = new TopicPartition("orders", 7);
    byte[] key = GroupRecords.offsetKey("group-ü", tp);
    byte[] value = GroupRecords.offsetValue(new CommittedOffset(42, 3, "meta", 1234));

    GroupRecords.Key decoded = GroupRecords.readKey(ByteBuffer.wrap(key));
    assertThat(decoded.type()).isEqualTo(GroupRecords.OFFSET_KEY);
    assertThat(decoded.groupId()).isEqualTo("group-ü");
    assertThat(decoded.partition()).isEqualTo(tp);
    assertThat(GroupRecords.readOffsetValue(ByteBuffer.wrap(value)))
        .isEqualTo(new CommittedOffset(42, 3, "meta", 1234));
  }

  @Test
  void groupRecordsRoundTrip() {
    GroupRecords.StoredGroup group =
        new GroupRecords.StoredGroup(
            "consumer",
            5,
            "range",
            "m1",
            List.of(
                new GroupRecords.StoredMember(
                    "m1",
                    "instance-1",
                    "client",
                    "/127.0.0.1",
                    300,
                    45,
                    new byte[] {1, 2},
                    new byte[] {3}),
                new GroupRecords.StoredMember(
                    "m2", null, "client", "/127.0.0.1", 300, 45, new byte[0], new byte[0])));

    GroupRecords.StoredGroup decoded =
        GroupRecords.readGroupValue(ByteBuffer.wrap(GroupRecords.groupValue(group)));

    assertThat(decoded.protocolType()).isEqualTo("consumer");
    assertThat(decoded.generationId()).isEqualTo(5);
    assertThat(decoded.protocolName()).isEqualTo("range");
    assertThat(decoded.leaderId()).isEqualTo("m1");
    assertThat(decoded.members()).hasSize(2);
    assertThat(decoded.members().get(0).groupInstanceId()).isEqualTo("instance-1");
    assertThat(decoded.members().get(0).metadata()).containsExactly(1, 2);
    assertThat(decoded.members().get(0).assignment()).containsExactly(3);
    assertThat(decoded.members().get(1).groupInstanceId()).isNull();
    assertThat(GroupRecords.readKey(ByteBuffer.wrap(GroupRecords.groupKey("g"))).partition())
        .isNull();
  }

  @Test
  void unknownKeyTypesAndVersionsAreRejected() {
    assertThatThrownBy(() -> GroupRecords.readKey(ByteBuffer.wrap(new byte[] {0, 9, 0, 0})))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("key type 9");
    assertThatThrownBy(
            () -> GroupRecords.readOffsetValue(ByteBuffer.wrap(new byte[] {0, 1, 0, 0, 0})))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("version 1");
  }
}
