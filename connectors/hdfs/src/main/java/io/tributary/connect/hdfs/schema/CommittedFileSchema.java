package io.tributary.connect.hdfs.schema;

import io.tributary.registry.avro.AvroData;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.connect.data.Schema;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The Connect value schema of a committed file, read from the file itself: what the sink resumes
 * with after a restart under BACKWARD / FORWARD / FULL (as Confluent's HDFS connector does), so a
 * late record with an older schema is still projected instead of starting a file with an older
 * schema. Avro files keep it in their header, Parquet files in their footer (parquet-avro's {@code
 * parquet.avro.schema}); the Connect name, version and parameters travel as {@code connect.*}
 * properties of the Avro schema. JSON-lines files keep no schema. Thread-safe.
 */
public final class CommittedFileSchema {
  private static final String PARQUET_AVRO_SCHEMA = "parquet.avro.schema";

  private final AvroData avroData = new AvroData(64);

  /**
   * The value schema of the file at {@code path}, chosen by its extension: {@code .avro}, {@code
   * .parquet}; null for other files (JSON lines), which keep none.
   *
   * @throws IOException when the file cannot be read
   */
  public Schema read(FileSystem fs, Path path) throws IOException {
    String name = path.getName().toLowerCase(Locale.ROOT);
    if (name.endsWith(".avro")) {
      return avroData.toConnectSchema(avroSchema(fs, path));
    }
    if (name.endsWith(".parquet")) {
      return avroData.toConnectSchema(parquetSchema(fs, path));
    }
    return null;
  }

  private static org.apache.avro.Schema avroSchema(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path);
        DataFileStream<Object> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
      return stream.getSchema();
    }
  }

  private static org.apache.avro.Schema parquetSchema(FileSystem fs, Path path) throws IOException {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(path, fs.getConf()))) {
      FileMetaData meta = reader.getFooter().getFileMetaData();
      String avro = meta.getKeyValueMetaData().get(PARQUET_AVRO_SCHEMA);
      if (avro != null) {
        return new org.apache.avro.Schema.Parser().parse(avro);
      }
      return new AvroSchemaConverter(fs.getConf()).convert(meta.getSchema());
    }
  }
}
