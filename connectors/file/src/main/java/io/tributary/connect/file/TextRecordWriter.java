package io.tributary.connect.file;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Plain text: each record's value in its string form (strings as they are, bytes decoded as UTF-8,
 * anything else by {@code toString}) followed by a newline.
 */
final class TextRecordWriter implements SinkRecordWriter {
  private final OutputStream out;

  TextRecordWriter(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(SinkRecord record) throws IOException {
    Object value = record.value();
    if (value instanceof byte[] bytes) {
      out.write(bytes);
    } else if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      out.write(bytes);
    } else {
      out.write(String.valueOf(value).getBytes(UTF_8));
    }
    out.write('\n');
  }
}
