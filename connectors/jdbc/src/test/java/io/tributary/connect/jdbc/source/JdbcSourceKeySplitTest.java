package io.tributary.connect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * Split loads without split.column on tables whose primary key is not one numeric column: a
 * composite key is split on its first numeric column; a text key falls back to one unsplit range.
 */
class JdbcSourceKeySplitTest extends BasePostgresSourceTest {
  private static String key(SourceRecord record) {
    Struct value = (Struct) record.value();
    return value.get("region") + "/" + value.get("seq");
  }

  @Test
  void aCompositeKeyIsSplitOnItsFirstNumericColumn() throws Exception {
    // given a key (region TEXT, seq INT): region cannot be split, seq can (and repeats per region)
    postgres.execute(
        "CREATE TABLE composite_t (region TEXT, seq INT, v TEXT, PRIMARY KEY (region, seq))",
        "INSERT INTO composite_t SELECT r, g, 'v' FROM generate_series(1, 200) g,"
            + " unnest(ARRAY['eu', 'us']) r");
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props(
              "mode", "bulk",
              "table.include.list", "composite_t",
              "split.ranges", "4",
              "load.once", "true"),
          2);

      // when
      List<SourceRecord> records = source.pollUntil(400);

      // then every row once, read in 4 ranges of seq
      assertThat(records.stream().map(JdbcSourceKeySplitTest::key).distinct()).hasSize(400);
      assertThat(records).hasSize(400);
      assertThat(records.stream().map(r -> r.sourcePartition().get("range")).distinct()).hasSize(4);
      assertThat(records.get(0).sourceOffset().get("split.column")).isEqualTo("seq");
      assertThat(records.get(0).sourceOffset().get("split.unique")).isEqualTo(false);
      assertThat(source.pollOnce()).isEmpty();
    }
  }

  @Test
  void aTextKeyFallsBackToOneUnsplitRange() throws Exception {
    // given a text primary key only
    postgres.execute(
        "CREATE TABLE text_key_t (region TEXT PRIMARY KEY, seq INT)",
        "INSERT INTO text_key_t SELECT 'r' || g, g FROM generate_series(1, 50) g");
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props(
              "mode", "bulk",
              "table.include.list", "text_key_t",
              "split.ranges", "4",
              "load.once", "true"),
          2);

      // when
      List<SourceRecord> records = source.pollUntil(50);

      // then one task reads the table as one load, not split into ranges
      assertThat(source.taskCount()).isEqualTo(1);
      assertThat(records.stream().map(JdbcSourceKeySplitTest::key).distinct()).hasSize(50);
      assertThat(records)
          .allSatisfy(r -> assertThat(r.sourcePartition()).doesNotContainKey("range"));
      assertThat(source.pollOnce()).isEmpty();
    }
  }
}
