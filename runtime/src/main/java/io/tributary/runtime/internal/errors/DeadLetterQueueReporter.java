package io.tributary.runtime.internal.errors;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.status.ConnectorTaskId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink connector's dead letter queue ({@code errors.deadletterqueue.topic.name}): each failed
 * record is produced to the topic exactly as it was consumed (key, value, headers and timestamp),
 * with, when {@code errors.deadletterqueue.context.headers.enable=true}, the {@code
 * __connect.errors.*} headers Kafka Connect writes (each value a UTF-8 string; partition, offset
 * and task id as decimal text; the stack trace as {@code printStackTrace} prints it).
 *
 * <p>Failures of source tasks (no consumed record) are not written. Thread-safe (the producer is).
 */
public final class DeadLetterQueueReporter implements ErrorReporter {
  private static final Logger LOGGER = LoggerFactory.getLogger(DeadLetterQueueReporter.class);

  public static final String HEADER_PREFIX = "__connect.errors.";
  public static final String ERROR_HEADER_ORIG_TOPIC = HEADER_PREFIX + "topic";
  public static final String ERROR_HEADER_ORIG_PARTITION = HEADER_PREFIX + "partition";
  public static final String ERROR_HEADER_ORIG_OFFSET = HEADER_PREFIX + "offset";
  public static final String ERROR_HEADER_CONNECTOR_NAME = HEADER_PREFIX + "connector.name";
  public static final String ERROR_HEADER_TASK_ID = HEADER_PREFIX + "task.id";
  public static final String ERROR_HEADER_STAGE = HEADER_PREFIX + "stage";
  public static final String ERROR_HEADER_EXECUTING_CLASS = HEADER_PREFIX + "class.name";
  public static final String ERROR_HEADER_EXCEPTION = HEADER_PREFIX + "exception.class.name";
  public static final String ERROR_HEADER_EXCEPTION_MESSAGE = HEADER_PREFIX + "exception.message";
  public static final String ERROR_HEADER_EXCEPTION_STACK_TRACE =
      HEADER_PREFIX + "exception.stacktrace";

  private static final Future<Void> DONE = CompletableFuture.completedFuture(null);

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final ConnectorTaskId id;
  private final boolean contextHeaders;

  public DeadLetterQueueReporter(
      Producer<byte[], byte[]> producer, String topic, ConnectorTaskId id, boolean contextHeaders) {
    this.producer = requireNonNull(producer, "producer is null");
    this.topic = requireNonNull(topic, "topic is null");
    this.id = requireNonNull(id, "id is null");
    this.contextHeaders = contextHeaders;
  }

  /**
   * Creates the topic when missing (one partition, the given replication factor) and the reporter
   * with its own producer.
   *
   * @throws ConnectException when the topic cannot be created
   */
  public static DeadLetterQueueReporter create(
      Map<String, Object> adminProps,
      Map<String, Object> producerProps,
      String topic,
      short replicationFactor,
      ConnectorTaskId id,
      boolean contextHeaders) {
    try (Admin admin = Admin.create(adminProps)) {
      if (!admin.listTopics().names().get(60, TimeUnit.SECONDS).contains(topic)) {
        LOGGER.info(
            "Task {}: creating the dead letter queue topic {} (replication factor {})",
            id,
            topic,
            replicationFactor);
        admin
            .createTopics(List.of(new NewTopic(topic, 1, replicationFactor)))
            .all()
            .get(60, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Could not initialize dead letter queue with topic=" + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new ConnectException(
            "Could not initialize dead letter queue with topic="
                + topic
                + " (check errors.deadletterqueue.topic.replication.factor="
                + replicationFactor
                + " against the number of brokers)",
            e);
      }
    }
    return new DeadLetterQueueReporter(
        new KafkaProducer<>(producerProps), topic, id, contextHeaders);
  }

  @Override
  public Future<?> report(ErrorReport report) {
    ConsumerRecord<byte[], byte[]> original = report.consumed();
    if (original == null) {
      return DONE;
    }
    Headers headers = new RecordHeaders(original.headers().toArray());
    if (contextHeaders) {
      addContextHeaders(headers, report);
    }
    Long timestamp = original.timestamp() == RecordBatch.NO_TIMESTAMP ? null : original.timestamp();
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, null, timestamp, original.key(), original.value(), headers);
    return producer.send(
        record,
        (metadata, exception) -> {
          if (exception != null) {
            LOGGER.error(
                "Task {}: could not write a record of {}-{} at offset {} to the dead letter queue"
                    + " topic {}",
                id,
                original.topic(),
                original.partition(),
                original.offset(),
                topic,
                exception);
          }
        });
  }

  private void addContextHeaders(Headers headers, ErrorReport report) {
    ConsumerRecord<byte[], byte[]> original = report.consumed();
    headers.add(ERROR_HEADER_ORIG_TOPIC, bytes(original.topic()));
    headers.add(ERROR_HEADER_ORIG_PARTITION, bytes(String.valueOf(original.partition())));
    headers.add(ERROR_HEADER_ORIG_OFFSET, bytes(String.valueOf(original.offset())));
    headers.add(ERROR_HEADER_CONNECTOR_NAME, bytes(id.connector()));
    headers.add(ERROR_HEADER_TASK_ID, bytes(String.valueOf(id.task())));
    headers.add(ERROR_HEADER_STAGE, bytes(report.stage().name()));
    headers.add(ERROR_HEADER_EXECUTING_CLASS, bytes(report.executingClass().getName()));
    Throwable error = report.error();
    headers.add(ERROR_HEADER_EXCEPTION, bytes(error.getClass().getName()));
    headers.add(ERROR_HEADER_EXCEPTION_MESSAGE, bytes(error.getMessage()));
    ByteArrayOutputStream trace = new ByteArrayOutputStream();
    try (PrintStream stream = new PrintStream(trace, true, StandardCharsets.UTF_8)) {
      error.printStackTrace(stream);
    }
    headers.add(ERROR_HEADER_EXCEPTION_STACK_TRACE, trace.toByteArray());
  }

  private static byte[] bytes(String value) {
    return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
  }

  /** Waits until every record reported so far is acknowledged (or failed). */
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
