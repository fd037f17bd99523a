package io.tributary.connect.jdbc.sink;

import static io.tributary.connect.jdbc.sink.SinkTestSupport.config;
import static io.tributary.connect.jdbc.sink.SinkTestSupport.query;
import static io.tributary.connect.jdbc.sink.SinkTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.TestingPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly once in insert mode: offsets stored with the rows, the task killed between its database
 * commit and Kafka Connect's offset commit, and a second writer of the same partition fenced.
 */
class JdbcSinkExactlyOnceTest {
  private static final Schema EVENT =
      SchemaBuilder.struct()
          .field("id", Schema.INT64_SCHEMA)
          .field("body", Schema.STRING_SCHEMA)
          .build();

  private static TestingPostgres postgres;
  private final List<JdbcSinkTask> tasks = new ArrayList<>();

  @BeforeAll
  static void startPostgres() {
    postgres = TestingPostgres.start();
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  @AfterEach
  void stopTasks() {
    tasks.forEach(JdbcSinkTask::stop);
  }

  private JdbcSinkTask task(String name, String topic, TestingSinkTaskContext context) {
    JdbcSinkTask task =
        start(
            config(postgres, "name", name, "auto.create", "true"),
            context,
            new TopicPartition(topic, 0));
    tasks.add(task);
    return task;
  }

  private static List<SinkRecord> records(String topic, long from, long to) {
    List<SinkRecord> records = new ArrayList<>();
    for (long offset = from; offset < to; offset++) {
      Struct value = new Struct(EVENT).put("id", offset).put("body", "event " + offset);
      records.add(new SinkRecord(topic, 0, null, null, EVENT, value, offset));
    }
    return records;
  }

  private static Map<String, Object> counts(String table) {
    return query(postgres, "SELECT count(*) AS n, count(DISTINCT id) AS ids FROM " + table).get(0);
  }

  @Test
  void killedBetweenDatabaseCommitAndConnectCommitWritesEachRecordOnce() {
    // given a task that wrote two batches in plain insert mode
    String topic = "events_killed";
    TopicPartition partition = new TopicPartition(topic, 0);
    TestingSinkTaskContext first = new TestingSinkTaskContext();
    JdbcSinkTask killed = task("eos", topic, first);
    killed.put(records(topic, 0, 3));
    assertThat(killed.preCommit(Map.of(partition, new OffsetAndMetadata(3))))
        .isEqualTo(Map.of(partition, new OffsetAndMetadata(3)));
    // Kafka Connect committed offset 3, then the task wrote the next batch and died before
    // Kafka Connect's next offset commit
    killed.put(records(topic, 3, 6));
    killed.stop();
    tasks.remove(killed);

    // when a new task opens the partition and Kafka Connect re-delivers from its offset 3
    TestingSinkTaskContext second = new TestingSinkTaskContext();
    JdbcSinkTask restarted = task("eos", topic, second);
    restarted.put(records(topic, 3, 9));

    // then the task asked to resume after the stored offsets, and every record is in once
    assertThat(second.seeks).isEqualTo(Map.of(partition, 6L));
    assertThat(counts(topic)).isEqualTo(Map.of("n", 9L, "ids", 9L));
    assertThat(restarted.preCommit(Map.of(partition, new OffsetAndMetadata(9))))
        .isEqualTo(Map.of(partition, new OffsetAndMetadata(9)));
    assertThat(
            query(
                postgres,
                "SELECT connector, topic, partition, next_offset FROM __tributary_sink_offsets"
                    + " WHERE topic = '"
                    + topic
                    + "'"))
        .containsExactly(
            Map.of("connector", "eos", "topic", topic, "partition", 0, "next_offset", 9L));
  }

  @Test
  void aFailedPutLeavesNeitherRowsNorOffsetsAndIsRedeliveredOnce() {
    // given a table the second record of a batch cannot go into
    String topic = "events_failed";
    postgres.execute("CREATE TABLE " + topic + " (id BIGINT, body VARCHAR(8))");
    TestingSinkTaskContext context = new TestingSinkTaskContext();
    JdbcSinkTask task = task("eos-failed", topic, context);
    List<SinkRecord> batch = new ArrayList<>(records(topic, 0, 1));
    Struct tooLong = new Struct(EVENT).put("id", 1L).put("body", "much too long for the column");
    batch.add(new SinkRecord(topic, 0, null, null, EVENT, tooLong, 1));

    // when it fails, the column is widened and the batch delivered again
    assertThatThrownBy(() -> task.put(batch)).isInstanceOf(ConnectException.class);
    assertThat(counts(topic)).isEqualTo(Map.of("n", 0L, "ids", 0L));
    postgres.execute("ALTER TABLE " + topic + " ALTER COLUMN body TYPE TEXT");
    task.put(batch);

    // then each record is in once
    assertThat(counts(topic)).isEqualTo(Map.of("n", 2L, "ids", 2L));
  }

  @Test
  void aSecondWriterOfThePartitionIsFenced() {
    // given two tasks of one connector that both think they own the partition
    String topic = "events_fenced";
    JdbcSinkTask owner = task("eos-fenced", topic, new TestingSinkTaskContext());
    owner.put(records(topic, 0, 3));
    JdbcSinkTask zombie = task("eos-fenced", topic, new TestingSinkTaskContext());
    owner.put(records(topic, 3, 5));

    // when the one that read the offsets before the other wrote writes too
    assertThatThrownBy(() -> zombie.put(records(topic, 3, 5)))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("another task wrote this partition");

    // then nothing is written twice
    assertThat(counts(topic)).isEqualTo(Map.of("n", 5L, "ids", 5L));
  }

  @Test
  void withoutExactlyOnceConnectsOffsetsDecide() {
    // given exactly once off
    String topic = "events_at_least_once";
    TopicPartition partition = new TopicPartition(topic, 0);
    TestingSinkTaskContext context = new TestingSinkTaskContext();
    JdbcSinkTask task =
        start(
            config(postgres, "name", "alo", "auto.create", "true", "exactly.once.enabled", "false"),
            context,
            partition);
    tasks.add(task);

    // when a batch is re-delivered
    task.put(records(topic, 0, 2));
    task.put(records(topic, 0, 2));

    // then it is written again (at least once), and no seek is asked for
    assertThat(counts(topic)).isEqualTo(Map.of("n", 4L, "ids", 2L));
    assertThat(context.seeks).isEmpty();
    assertThat(task.preCommit(Map.of(partition, new OffsetAndMetadata(2))))
        .isEqualTo(Map.of(partition, new OffsetAndMetadata(2)));
  }

  @Test
  void aTransientFailureIsRetriedAndTheOffsetsReReadBeforeTheRetry() {
    // given a table whose trigger fails the row with id 4 once with a serialization failure
    String topic = "events_transient";
    postgres.execute(
        "CREATE TABLE " + topic + " (id BIGINT NOT NULL, body TEXT NOT NULL)",
        "CREATE TABLE fail_once (done BOOLEAN)",
        "CREATE FUNCTION fail_once() RETURNS trigger AS $$ BEGIN IF NEW.id = 4 AND NOT EXISTS"
            + " (SELECT 1 FROM fail_once) THEN RAISE EXCEPTION 'conflict' USING ERRCODE ="
            + " 'serialization_failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER fail_once BEFORE INSERT ON "
            + topic
            + " FOR EACH ROW EXECUTE FUNCTION fail_once()");
    TestingSinkTaskContext context = new TestingSinkTaskContext();
    JdbcSinkTask task =
        start(
            config(
                postgres,
                "name",
                "eos-transient",
                "max.retries",
                "2",
                "retry.backoff.ms",
                "100",
                "postgres.copy.enabled",
                "false"),
            context,
            new TopicPartition(topic, 0));
    tasks.add(task);
    task.put(records(topic, 0, 3));

    // when a put fails transiently, and meanwhile its commit turns out to have happened for the
    // first record (as when a connection is lost during COMMIT)
    assertThatThrownBy(() -> task.put(records(topic, 3, 6)))
        .isInstanceOf(org.apache.kafka.connect.errors.RetriableException.class)
        .hasMessageContaining("conflict");
    assertThat(context.timeoutMs).isEqualTo(100);
    postgres.execute(
        "INSERT INTO " + topic + " VALUES (3, 'event 3')",
        "UPDATE __tributary_sink_offsets SET next_offset = 4 WHERE connector = 'eos-transient'",
        "INSERT INTO fail_once VALUES (true)");
    task.put(records(topic, 3, 6));

    // then the retry re-read the offsets and wrote each record once
    assertThat(counts(topic)).isEqualTo(Map.of("n", 6L, "ids", 6L));
  }
}
