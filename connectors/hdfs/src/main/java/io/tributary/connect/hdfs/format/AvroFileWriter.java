package io.tributary.connect.hdfs.format;

import io.tributary.registry.avro.AvroData;
import java.io.IOException;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Appends records to one Avro container file. {@link #bytesWritten} counts the bytes handed to the
 * file system, so it trails the true size by at most the open block (Avro's sync interval). Not
 * thread-safe. {@link #close} is idempotent.
 */
final class AvroFileWriter implements RecordFileWriter {
  private final FSDataOutputStream out;
  private final Schema connectSchema;
  private final org.apache.avro.Schema avroSchema;
  private final AvroData avroData;
  private final DataFileWriter<Object> writer;
  private boolean closed;

  AvroFileWriter(
      FSDataOutputStream out,
      Schema connectSchema,
      org.apache.avro.Schema avroSchema,
      AvroData avroData,
      CodecFactory codec)
      throws IOException {
    this.out = out;
    this.connectSchema = connectSchema;
    this.avroSchema = avroSchema;
    this.avroData = avroData;
    this.writer = new DataFileWriter<>(new GenericDatumWriter<>(avroSchema));
    writer.setCodec(codec);
    writer.create(avroSchema, out);
  }

  @Override
  public void write(SinkRecord record) throws IOException {
    FileSchemas.requireSame(connectSchema, record);
    writer.append(avroData.fromConnectData(connectSchema, avroSchema, record.value()));
  }

  @Override
  public long bytesWritten() {
    return out.getPos();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.flush(); // the open block, through Avro's buffer, into the file system stream
    } catch (IOException | RuntimeException e) {
      try {
        out.close();
      } catch (IOException closeFailure) {
        if (closeFailure != e) {
          e.addSuppressed(closeFailure);
        }
      }
      throw e;
    }
    DurableOutput.syncAndClose(out);
  }
}
