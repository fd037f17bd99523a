package io.tributary.connect.file;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Avro object container files: the writer schema is converted from the file's first record's value
 * schema ({@link ConnectAvroSchemas}); a record with another value schema starts a new file. Blocks
 * are compressed with the configured codec. Avro buffers a block (about 64 KB) before writing it,
 * so {@code file.max.bytes} is checked against what reached the file.
 */
final class AvroRecordWriter implements SinkRecordWriter {
  private final OutputStream out;
  private final CodecFactory codec;
  private DataFileWriter<Object> writer;
  private Schema connectSchema;
  private org.apache.avro.Schema avroSchema;

  AvroRecordWriter(OutputStream out, CodecFactory codec) {
    this.out = new NonClosingOutputStream(out);
    this.codec = codec;
  }

  @Override
  public boolean accepts(SinkRecord record) {
    return writer == null || Objects.equals(connectSchema, record.valueSchema());
  }

  @Override
  public void write(SinkRecord record) throws IOException {
    if (writer == null) {
      connectSchema = record.valueSchema();
      avroSchema = ConnectAvroSchemas.toAvro(connectSchema);
      writer = new DataFileWriter<>(new GenericDatumWriter<>(avroSchema));
      writer.setCodec(codec);
      writer.create(avroSchema, out);
    } else if (!accepts(record)) {
      throw new IllegalStateException("record schema differs from the file's schema");
    }
    writer.append(ConnectAvroValues.toAvro(record.value(), connectSchema, avroSchema));
  }

  @Override
  public void finish() throws IOException {
    if (writer != null) {
      writer.close(); // writes the last block; the stream below stays open for its owner
    }
  }

  /** Lets Avro "close" its stream while the file's owner still has to force and close it. */
  private static final class NonClosingOutputStream extends FilterOutputStream {
    NonClosingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
