package io.tributary.broker.internal.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.Records;
import org.apache.kafka.common.record.SimpleRecord;

/** Builders and readers shared by the log's unit tests. */
final class LogTestSupport {
  private LogTestSupport() {}

  static LogConfig config(Map<String, String> overrides) {
    return TopicConfigs.resolve(TopicConfigs.kafkaDefaults(), overrides);
  }

  static MemoryRecords batch(long timestamp, String... keyValues) {
    SimpleRecord[] records = new SimpleRecord[keyValues.length / 2];
    for (int i = 0; i < records.length; i++) {
      String key = keyValues[2 * i];
      String value = keyValues[2 * i + 1];
      records[i] =
          new SimpleRecord(
              timestamp,
              key == null ? null : key.getBytes(StandardCharsets.UTF_8),
              value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
    return MemoryRecords.withRecords(Compression.NONE, records);
  }

  /** One record as read back. */
  record Read(long offset, String key, String value, long timestamp) {}

  static String string(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Every record from {@code from} to the log end, as a consumer would read them. */
  static List<Read> readAll(PartitionLog log, long from) {
    List<Read> out = new ArrayList<>();
    long next = from;
    while (next < log.logEndOffset()) {
      Records records = log.read(next, 1 << 20, true).records();
      long before = next;
      for (RecordBatch batch : records.batches()) {
        for (Record record : batch) {
          if (record.offset() >= next) {
            out.add(
                new Read(
                    record.offset(),
                    string(record.key()),
                    string(record.value()),
                    record.timestamp()));
          }
        }
        next = Math.max(next, batch.nextOffset());
      }
      if (next == before) {
        throw new AssertionError("read made no progress at offset " + next);
      }
    }
    return out;
  }
}
