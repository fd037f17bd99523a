package io.tributary.runtime.internal.errors;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.status.ConnectorTaskId;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code errors.log.enable=true}: logs each failure at ERROR with its task, stage and class, and
 * the record's coordinates (topic, partition, offset) for sinks. The record's content (key, value,
 * headers) is logged only with {@code errors.log.include.messages=true}.
 */
public final class LogErrorReporter implements ErrorReporter {
  private static final Logger LOGGER = LoggerFactory.getLogger(LogErrorReporter.class);
  private static final Future<Void> DONE = CompletableFuture.completedFuture(null);

  private final ConnectorTaskId id;
  private final boolean includeMessages;

  public LogErrorReporter(ConnectorTaskId id, boolean includeMessages) {
    this.id = requireNonNull(id, "id is null");
    this.includeMessages = includeMessages;
  }

  @Override
  public Future<?> report(ErrorReport report) {
    LOGGER.error(message(report), report.error());
    return DONE;
  }

  /** The log line, without the stack trace. */
  public String message(ErrorReport report) {
    StringBuilder builder = new StringBuilder(160);
    builder
        .append("Error encountered in task ")
        .append(id)
        .append(". Executing stage '")
        .append(report.stage().name())
        .append("' with class '")
        .append(report.executingClass().getName())
        .append('\'');
    ConsumerRecord<byte[], byte[]> consumed = report.consumed();
    if (consumed != null) {
      builder
          .append(", where consumed record is {topic='")
          .append(consumed.topic())
          .append("', partition=")
          .append(consumed.partition())
          .append(", offset=")
          .append(consumed.offset());
      if (consumed.timestampType() != TimestampType.NO_TIMESTAMP_TYPE) {
        builder
            .append(", timestamp=")
            .append(consumed.timestamp())
            .append(", timestampType=")
            .append(consumed.timestampType());
      }
      if (includeMessages) {
        builder
            .append(", key=")
            .append(text(consumed.key()))
            .append(", value=")
            .append(text(consumed.value()))
            .append(", headers=")
            .append(consumed.headers());
      }
      builder.append('}');
    } else if (report.source() != null) {
      if (includeMessages) {
        builder.append(", where source record is = ").append(report.source());
      } else {
        builder
            .append(", where source record has topic '")
            .append(report.source().topic())
            .append("' and source partition ")
            .append(report.source().sourcePartition());
      }
    }
    return builder.append('.').toString();
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
  }
}
