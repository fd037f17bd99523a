package io.tributary.runtime.internal.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmittedRecordsTest {
  private static final Map<String, Object> P1 = Map.of("file", "a");
  private static final Map<String, Object> P2 = Map.of("file", "b");

  @Test
  void offsetIsCommittableOnlyWhenEveryEarlierRecordOfItsPartitionIsAcked() throws Exception {
    // Given three records of one partition and one of another
    SubmittedRecords submitted = new SubmittedRecords();
    SubmittedRecords.Submitted first = submitted.submit(P1, Map.of("pos", 1));
    SubmittedRecords.Submitted second = submitted.submit(P1, Map.of("pos", 2));
    SubmittedRecords.Submitted third = submitted.submit(P1, Map.of("pos", 3));
    SubmittedRecords.Submitted other = submitted.submit(P2, Map.of("pos", 9));

    // When the later ones are acked first
    third.ack();
    other.ack();

    // Then only the other partition's offset is committable
    assertThat(submitted.committableOffsets()).isEqualTo(Map.of(P2, Map.of("pos", 9)));
    assertThat(submitted.inFlight()).isEqualTo(2);

    // And once the earlier ones are acked, the last offset of the prefix is
    first.ack();
    assertThat(submitted.committableOffsets()).isEqualTo(Map.of(P1, Map.of("pos", 1)));
    second.ack();
    assertThat(submitted.committableOffsets()).isEqualTo(Map.of(P1, Map.of("pos", 3)));
    assertThat(submitted.committableOffsets()).isEmpty();
    assertThat(submitted.awaitAllAcked(0)).isTrue();
  }

  @Test
  void awaitGivesUpWhileRecordsAreInFlight() throws Exception {
    SubmittedRecords submitted = new SubmittedRecords();
    submitted.submit(P1, Map.of("pos", 1));

    assertThat(submitted.awaitAllAcked(10)).isFalse();
  }
}
