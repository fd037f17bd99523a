package io.tributary.connect.jdbc.sink;

import static io.tributary.connect.jdbc.sink.SinkTestSupport.config;
import static io.tributary.connect.jdbc.sink.SinkTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.TestingPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The database going down and a wrong password: clear errors, retries, nothing half-written. */
class JdbcSinkFailureTest {
  private static final Schema EVENT =
      SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();

  private static List<SinkRecord> records(String topic) {
    return List.of(new SinkRecord(topic, 0, null, null, EVENT, new Struct(EVENT).put("id", 1L), 0));
  }

  @Test
  void databaseDownIsRetriedThenFailsNamingTheCause() {
    // given a task that opened its partition, then the database stops
    TestingSinkTaskContext context = new TestingSinkTaskContext();
    JdbcSinkTask task;
    try (TestingPostgres postgres = TestingPostgres.start()) {
      task =
          start(
              config(
                  postgres, "auto.create", "true", "max.retries", "1", "retry.backoff.ms", "250"),
              context,
              new TopicPartition("events", 0));
    }
    try {
      // when records arrive: the first failure is retriable after the backoff (the pooled
      // connection was cut by the shutdown, or a new one is refused), the next is not
      assertThatThrownBy(() -> task.put(records("events"))).isInstanceOf(RetriableException.class);
      assertThat(context.timeoutMs).isEqualTo(250);
      assertThatThrownBy(() -> task.put(records("events")))
          .isInstanceOf(ConnectException.class)
          .isNotInstanceOf(RetriableException.class)
          .hasMessageContaining("the database is not reachable")
          .hasMessageContaining("gave up after 1 retries (max.retries)");
    } finally {
      task.stop();
    }
  }

  @Test
  void wrongPasswordIsNamedAndNeverShown() throws IOException {
    try (TestingPostgres postgres = TestingPostgres.start()) {
      // given a role with a password and password authentication over TCP
      postgres.execute("CREATE ROLE writer LOGIN PASSWORD 'right-secret'");
      String hbaFile =
          (String) SinkTestSupport.query(postgres, "SHOW hba_file").get(0).get("hba_file");
      Files.writeString(
          Path.of(hbaFile),
          "local all all trust\n"
              + "host all postgres 127.0.0.1/32 trust\n"
              + "host all all 127.0.0.1/32 scram-sha-256\n");
      postgres.execute("SELECT pg_reload_conf()");
      Map<String, String> props =
          config(postgres, "connection.user", "writer", "connection.password", "wrong-secret");
      TestingSinkTaskContext context = new TestingSinkTaskContext();
      JdbcSinkTask task = new JdbcSinkTask();
      task.initialize(context);
      task.start(props);
      try {
        // when the task opens its partitions (reading the stored offsets)
        assertThatThrownBy(() -> task.open(List.of(new TopicPartition("events", 0))))
            // then
            .isInstanceOf(ConnectException.class)
            .hasMessageContaining("authentication failed")
            .hasMessageContaining("connection.password")
            .hasMessageNotContaining("wrong-secret");
      } finally {
        task.stop();
      }
    }
  }
}
