package io.tributary.runtime.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.runtime.internal.status.ConnectorTaskId;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class DeadLetterQueueReporterTest {
  private static final ConnectorTaskId ID = new ConnectorTaskId("conn", 3);

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, new ByteArraySerializer(), new ByteArraySerializer());

  private static ConsumerRecord<byte[], byte[]> consumed() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("h", "v".getBytes(StandardCharsets.UTF_8));
    return new ConsumerRecord<>(
        "in",
        2,
        17L,
        1234L,
        TimestampType.CREATE_TIME,
        1,
        3,
        "k".getBytes(),
        "bad".getBytes(),
        headers,
        Optional.empty());
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String key) {
    return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  @Test
  void writesTheConsumedRecordWithContextHeaders() throws Exception {
    DeadLetterQueueReporter dlq = new DeadLetterQueueReporter(producer, "dlq", ID, true);
    ConsumerRecord<byte[], byte[]> original = consumed();

    dlq.report(
            new ErrorReport(
                Stage.VALUE_CONVERTER, String.class, new DataException("oops"), original, null))
        .get();

    assertThat(producer.history())
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.topic()).isEqualTo("dlq");
              assertThat(record.key()).isEqualTo("k".getBytes());
              assertThat(record.value()).isEqualTo("bad".getBytes());
              assertThat(record.timestamp()).isEqualTo(1234L);
              assertThat(header(record, "h")).isEqualTo("v");
              assertThat(header(record, "__connect.errors.topic")).isEqualTo("in");
              assertThat(header(record, "__connect.errors.partition")).isEqualTo("2");
              assertThat(header(record, "__connect.errors.offset")).isEqualTo("17");
              assertThat(header(record, "__connect.errors.connector.name")).isEqualTo("conn");
              assertThat(header(record, "__connect.errors.task.id")).isEqualTo("3");
              assertThat(header(record, "__connect.errors.stage")).isEqualTo("VALUE_CONVERTER");
              assertThat(header(record, "__connect.errors.class.name"))
                  .isEqualTo("java.lang.String");
              assertThat(header(record, "__connect.errors.exception.class.name"))
                  .isEqualTo(DataException.class.getName());
              assertThat(header(record, "__connect.errors.exception.message")).isEqualTo("oops");
              assertThat(header(record, "__connect.errors.exception.stacktrace"))
                  .startsWith(DataException.class.getName() + ": oops");
            });
    // the consumed record's headers are left untouched
    assertThat(original.headers().toArray()).hasSize(1);
  }

  @Test
  void withoutContextHeadersOnlyTheOriginalHeadersAreWritten() throws Exception {
    DeadLetterQueueReporter dlq = new DeadLetterQueueReporter(producer, "dlq", ID, false);

    dlq.report(
            new ErrorReport(
                Stage.VALUE_CONVERTER, String.class, new DataException("oops"), consumed(), null))
        .get();

    assertThat(producer.history().get(0).headers().toArray()).hasSize(1);
  }

  @Test
  void sourceFailuresAreNotWritten() throws Exception {
    DeadLetterQueueReporter dlq = new DeadLetterQueueReporter(producer, "dlq", ID, true);

    dlq.report(
            new ErrorReport(Stage.KAFKA_PRODUCE, String.class, new DataException("x"), null, null))
        .get();

    assertThat(producer.history()).isEmpty();
  }
}
