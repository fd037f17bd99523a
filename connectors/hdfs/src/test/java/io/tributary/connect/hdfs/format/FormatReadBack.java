package io.tributary.connect.hdfs.format;

import io.tributary.registry.avro.AvroData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableInput;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Reads files back with Avro's and Parquet's own readers and converts what they return to Connect
 * data, so tests compare with the records they wrote.
 */
final class FormatReadBack {
  private static final AvroData AVRO_DATA = new AvroData(16);

  private FormatReadBack() {}

  /** The Avro file's schema and data, read by Avro's {@link DataFileReader}. */
  static AvroFile avro(FileSystem fs, Path path) throws IOException {
    List<Object> data = new ArrayList<>();
    try (DataFileReader<Object> reader =
        new DataFileReader<>(
            new HadoopSeekableInput(fs, path),
            new GenericDatumReader<>(null, null, GenericData.get()))) {
      for (Object datum : reader) {
        data.add(datum);
      }
      return new AvroFile(reader.getSchema(), reader.getMetaString("avro.codec"), data);
    }
  }

  /** The Parquet file's records, read by parquet-avro's {@link AvroParquetReader}. */
  static List<GenericRecord> parquet(FileSystem fs, Path path) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(HadoopInputFile.fromPath(path, fs.getConf()))
            .withDataModel(GenericData.get())
            .build()) {
      for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
        records.add(record);
      }
    }
    return records;
  }

  /** An Avro datum as Connect data. */
  static SchemaAndValue toConnect(org.apache.avro.Schema schema, Object datum) {
    return AVRO_DATA.toConnectData(schema, datum);
  }

  /** Avro's {@link SeekableInput} over a Hadoop file, for {@link DataFileReader}. */
  private static final class HadoopSeekableInput implements SeekableInput {
    private final FSDataInputStream in;
    private final long length;

    HadoopSeekableInput(FileSystem fs, Path path) throws IOException {
      this.length = fs.getFileStatus(path).getLen();
      this.in = fs.open(path);
    }

    @Override
    public void seek(long p) throws IOException {
      in.seek(p);
    }

    @Override
    public long tell() throws IOException {
      return in.getPos();
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  record AvroFile(org.apache.avro.Schema schema, String codec, List<Object> data) {}
}
