package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommittedFileNameTest {

  @Test
  void readsPartitionAndOffsetsFromACommittedName() {
    // When / Then
    assertThat(CommittedFileName.parse("orders", "orders+3+0000100000+0000199999.parquet"))
        .contains(new CommittedFileName(3, 100_000, 199_999));
    assertThat(CommittedFileName.parse("orders", "orders+0+0000000000+0000099999.avro"))
        .hasValueSatisfying(name -> assertThat(name.records()).isEqualTo(100_000));
    assertThat(CommittedFileName.parse("a+b", "a+b+0+5+7.json"))
        .contains(new CommittedFileName(0, 5, 7));
  }

  @Test
  void ignoresEverythingElse() {
    // Temporary files carry a UUID, Hadoop's checksums a leading dot, other topics other names.
    assertThat(CommittedFileName.parse("orders", "orders+0+0000000000+5f0c9e.avro")).isEmpty();
    assertThat(CommittedFileName.parse("orders", ".orders+0+0000000000+0000000009.avro.crc"))
        .isEmpty();
    assertThat(CommittedFileName.parse("orders", "payments+0+0000000000+0000000009.avro"))
        .isEmpty();
    assertThat(CommittedFileName.parse("orders", "orders+0+0000000000+0000000009")).isEmpty();
    assertThat(CommittedFileName.parse("orders", "orders+0+0000000010+0000000009.avro")).isEmpty();
    assertThat(CommittedFileName.parse("orders", "orders+x+0000000000+0000000009.avro")).isEmpty();
    assertThat(CommittedFileName.parse("orders", "orders+0+0+0+1.avro")).isEmpty();
    assertThat(CommittedFileName.parse("orders", "commit.intent")).isEmpty();
  }
}
