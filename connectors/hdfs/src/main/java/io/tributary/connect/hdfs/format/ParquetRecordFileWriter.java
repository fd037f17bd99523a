package io.tributary.connect.hdfs.format;

import io.tributary.registry.avro.AvroData;
import java.io.IOException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Appends records to one Parquet file. Rows are buffered in memory up to a row group; {@link
 * #bytesWritten} is the written plus buffered size Parquet reports. Closing writes the footer and
 * syncs the file. Not thread-safe; {@link #close} is idempotent.
 */
final class ParquetRecordFileWriter implements RecordFileWriter {
  private final ParquetWriter<Object> writer;
  private final Schema connectSchema;
  private final org.apache.avro.Schema avroSchema;
  private final AvroData avroData;
  private boolean closed;

  ParquetRecordFileWriter(
      ParquetWriter<Object> writer,
      Schema connectSchema,
      org.apache.avro.Schema avroSchema,
      AvroData avroData) {
    this.writer = writer;
    this.connectSchema = connectSchema;
    this.avroSchema = avroSchema;
    this.avroData = avroData;
  }

  @Override
  public void write(SinkRecord record) throws IOException {
    FileSchemas.requireSame(connectSchema, record);
    writer.write(avroData.fromConnectData(connectSchema, avroSchema, record.value()));
  }

  @Override
  public long bytesWritten() {
    return writer.getDataSize();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    writer.close();
  }
}
