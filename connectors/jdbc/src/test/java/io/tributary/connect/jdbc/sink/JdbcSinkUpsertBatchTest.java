package io.tributary.connect.jdbc.sink;

import static io.tributary.connect.jdbc.sink.SinkTestSupport.config;
import static io.tributary.connect.jdbc.sink.SinkTestSupport.query;
import static io.tributary.connect.jdbc.sink.SinkTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.jdbc.TestingPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upserts on PostgreSQL with {@code reWriteBatchedInserts=true} (the sink's pool sets it): a batch
 * that upserts one key several times, with deletes between upserts of the same key, ends exactly as
 * writing the records one by one in order would.
 */
class JdbcSinkUpsertBatchTest {
  private static final Schema KEY =
      SchemaBuilder.struct().name("Key").field("id", Schema.INT64_SCHEMA).build();
  private static final Schema ROW =
      SchemaBuilder.struct()
          .name("Row")
          .field("id", Schema.INT64_SCHEMA)
          .field("v", Schema.STRING_SCHEMA)
          .build();

  private static TestingPostgres postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = TestingPostgres.start();
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  private static SinkRecord upsert(String topic, long id, String v, long offset) {
    return new SinkRecord(
        topic,
        0,
        KEY,
        new Struct(KEY).put("id", id),
        ROW,
        new Struct(ROW).put("id", id).put("v", v),
        offset);
  }

  private static SinkRecord delete(String topic, long id, long offset) {
    return new SinkRecord(topic, 0, KEY, new Struct(KEY).put("id", id), ROW, null, offset);
  }

  @Test
  void postgresSinkPoolRewritesBatchedInserts() {
    // given
    JdbcSinkConfig config =
        new JdbcSinkConfig(config(postgres, "insert.mode", "upsert", "pk.mode", "record_key"));

    // when
    Map<String, String> properties = JdbcSinkTask.driverProperties(config);

    // then
    assertThat(properties).containsExactly(Map.entry("reWriteBatchedInserts", "true"));
  }

  @Test
  void duplicateKeysAndDeletesInOneBatchEndAsInRecordOrder() {
    // given a table holding keys 5 and 6
    String topic = "dups";
    postgres.execute(
        "CREATE TABLE dups (id BIGINT PRIMARY KEY, v TEXT NOT NULL)",
        "INSERT INTO dups VALUES (5, 'old'), (6, 'old')");
    TestingSinkTaskContext context = new TestingSinkTaskContext();
    JdbcSinkTask task =
        start(
            config(
                postgres,
                "insert.mode",
                "upsert",
                "pk.mode",
                "record_key",
                "delete.enabled",
                "true"),
            context,
            new TopicPartition(topic, 0));
    List<SinkRecord> records = new ArrayList<>();
    long offset = 0;
    try {
      // when one put upserts keys repeatedly, deletes some after upserts, upserts after deletes
      records.add(upsert(topic, 1, "a1", offset++));
      records.add(upsert(topic, 2, "b1", offset++));
      records.add(upsert(topic, 1, "a2", offset++));
      records.add(upsert(topic, 3, "c1", offset++));
      records.add(upsert(topic, 2, "b2", offset++));
      records.add(upsert(topic, 1, "a3", offset++));
      records.add(upsert(topic, 5, "e1", offset++));
      records.add(upsert(topic, 5, "e2", offset++));
      records.add(delete(topic, 2, offset++)); // delete after upserts: gone
      records.add(delete(topic, 5, offset++));
      records.add(delete(topic, 6, offset++));
      records.add(upsert(topic, 2, "b3", offset++)); // upsert after a delete: inserted again
      records.add(upsert(topic, 2, "b4", offset++));
      records.add(upsert(topic, 3, "c2", offset++));
      records.add(upsert(topic, 6, "f1", offset++)); // deleted pre-existing row, inserted again
      records.add(upsert(topic, 4, "d1", offset++));
      records.add(delete(topic, 4, offset++)); // inserted and deleted in the same put
      records.add(delete(topic, 3, offset++));
      records.add(upsert(topic, 3, "c3", offset++));
      records.add(upsert(topic, 3, "c4", offset++));
      task.put(records);

      // then
      assertThat(query(postgres, "SELECT id, v FROM dups ORDER BY id"))
          .containsExactly(
              Map.of("id", 1L, "v", "a3"),
              Map.of("id", 2L, "v", "b4"),
              Map.of("id", 3L, "v", "c4"),
              Map.of("id", 6L, "v", "f1"));
    } finally {
      task.stop();
    }
  }

  @Test
  void largeUpsertBatchesWithRepeatedKeysAcrossBatchSizeBoundaries() {
    // given 10,000 upserts of 1,000 keys in runs of batch.size 3,000 (repeats inside and across)
    String topic = "many";
    TestingSinkTaskContext context = new TestingSinkTaskContext();
    JdbcSinkTask task =
        start(
            config(
                postgres,
                "insert.mode",
                "upsert",
                "pk.mode",
                "record_key",
                "auto.create",
                "true",
                "batch.size",
                "3000"),
            context,
            new TopicPartition(topic, 0));
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      records.add(upsert(topic, (i * 7919L) % 1000, "v" + i, i));
    }
    try {
      // when
      task.put(records);

      // then each key holds the value of its last record
      List<Map<String, Object>> rows = query(postgres, "SELECT id, v FROM many ORDER BY id");
      assertThat(rows).hasSize(1000);
      for (Map<String, Object> row : rows) {
        long id = (Long) row.get("id");
        int last = -1;
        for (int i = 0; i < 10_000; i++) {
          if ((i * 7919L) % 1000 == id) {
            last = i;
          }
        }
        assertThat(row.get("v")).as("key %d", id).isEqualTo("v" + last);
      }
    } finally {
      task.stop();
    }
  }
}
