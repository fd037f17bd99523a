package io.tributary.connect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** Collapsing a run of upserts to the last record per key. */
class UpsertCollapseTest {
  private static final Schema KEY =
      SchemaBuilder.struct()
          .field("a", Schema.STRING_SCHEMA)
          .field("b", Schema.BYTES_SCHEMA)
          .build();
  private static final List<SinkColumn> KEY_COLUMNS =
      List.of(
          new SinkColumn("a", Schema.STRING_SCHEMA, true, SinkColumn.Origin.KEY_FIELD),
          new SinkColumn("b", Schema.BYTES_SCHEMA, true, SinkColumn.Origin.KEY_FIELD));

  private static SinkRecord record(String a, byte[] b, long offset) {
    return new SinkRecord(
        "t", 0, KEY, new Struct(KEY).put("a", a).put("b", b), Schema.STRING_SCHEMA, "x", offset);
  }

  @Test
  void keepsTheLastRecordPerCompositeKeyInTheOrderOfLastRecords() {
    // given keys compared by content, byte arrays included
    List<SinkRecord> run =
        List.of(
            record("k", new byte[] {1}, 0),
            record("k", new byte[] {2}, 1),
            record("k", new byte[] {1}, 2),
            record("j", new byte[] {1}, 3),
            record("k", new byte[] {2}, 4));

    // when
    List<SinkRecord> collapsed = UpsertCollapse.lastPerKey(run, KEY_COLUMNS);

    // then
    assertThat(collapsed).extracting(SinkRecord::kafkaOffset).containsExactly(2L, 3L, 4L);
  }

  @Test
  void aRunWithoutRepeatsIsReturnedUnchanged() {
    // given
    List<SinkRecord> run = List.of(record("k", new byte[] {1}, 0), record("k", new byte[] {2}, 1));

    // when / then
    assertThat(UpsertCollapse.lastPerKey(run, KEY_COLUMNS)).isSameAs(run);
  }
}
