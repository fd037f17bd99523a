package io.tributary.connect.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * JSON lines: each record's value as one JSON value on its own line (structs and maps as objects,
 * arrays as arrays, bytes as base64 strings, see {@link SinkValues}).
 */
final class JsonLinesRecordWriter implements SinkRecordWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OutputStream out;

  JsonLinesRecordWriter(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(SinkRecord record) throws IOException {
    out.write(MAPPER.writeValueAsBytes(SinkValues.toPlain(record.value(), record.valueSchema())));
    out.write('\n');
  }
}
