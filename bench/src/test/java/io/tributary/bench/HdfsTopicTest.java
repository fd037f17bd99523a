package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class HdfsTopicTest {

  @Test
  void valuesAreValidOrdersThatDifferFromRecordToRecord() {
    // When
    Struct first = HdfsTopic.value(1);
    Struct again = HdfsTopic.value(1);
    Struct other = HdfsTopic.value(1001);

    // Then: the same record number gives the same value; values do not repeat every 1000
    assertThat(first).isEqualTo(again);
    assertThat(first.getInt64("id")).isEqualTo(1L);
    assertThat(other.getString("customer")).isNotEqualTo(first.getString("customer"));
    assertThat(other.getString("email")).isNotEqualTo(first.getString("email"));
    assertThat(other.getFloat64("price")).isNotEqualTo(first.getFloat64("price"));
  }

  @Test
  void everyTenthRecordHasNoNote() {
    // When / Then
    assertThat(LongStream.range(0, 100).filter(r -> HdfsTopic.value(r).get("note") == null))
        .hasSize(10);
  }
}
