package io.tributary.connect.hdfs.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Writes one JSON line per record. Each line is rendered into a reused buffer first, so a value
 * that cannot be written leaves no partial line in the file. Not thread-safe; {@link #close} is
 * idempotent.
 */
final class JsonLinesFileWriter implements RecordFileWriter {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final FSDataOutputStream out;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private long bytes;
  private boolean closed;

  JsonLinesFileWriter(FSDataOutputStream out) {
    this.out = out;
  }

  @Override
  public void write(SinkRecord record) throws IOException {
    line.reset();
    // A generator per line: one that failed half-way through a value is discarded with it.
    try (JsonGenerator json = FACTORY.createGenerator(line)) {
      JsonValueWriter.write(json, record.valueSchema(), record.value());
    }
    line.write('\n');
    line.writeTo(out);
    bytes += line.size();
  }

  @Override
  public long bytesWritten() {
    return bytes;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    DurableOutput.syncAndClose(out);
  }
}
