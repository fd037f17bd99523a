package io.tributary.connect.hdfs.format;

import static java.util.Objects.requireNonNull;

import io.tributary.registry.avro.AvroData;
import java.io.IOException;
import org.apache.avro.file.CodecFactory;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Avro container files ({@code format=avro}, extension {@code .avro}): the file's Avro schema is
 * converted from the records' Connect value schema by {@link AvroData} (as Confluent's Avro
 * converter does), blocks compressed with the {@code avro.codec} codec. Values need a schema.
 * Thread-safe; each writer belongs to one thread.
 */
public final class AvroFormat implements RecordFormat {

  /** The short name. */
  public static final String NAME = "avro";

  static final int SCHEMA_CACHE_SIZE = 256;

  private final CodecFactory codec;
  private final AvroData avroData = new AvroData(SCHEMA_CACHE_SIZE);

  /** A format compressing blocks with {@code codec}. */
  public AvroFormat(CodecFactory codec) {
    this.codec = requireNonNull(codec, "codec is null");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String extension() {
    return ".avro";
  }

  @Override
  public RecordFileWriter open(FileSystem fs, Path path, Schema valueSchema) throws IOException {
    if (valueSchema == null) {
      throw new DataException(
          "The avro format needs records with a value schema; use format=json for schemaless"
              + " values (file "
              + path
              + ")");
    }
    org.apache.avro.Schema avroSchema = avroData.fromConnectSchema(valueSchema);
    FSDataOutputStream out = DurableOutput.create(fs, path);
    try {
      return new AvroFileWriter(out, valueSchema, avroSchema, avroData, codec);
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
  }

  @Override
  public String toString() {
    return NAME + "(" + codec + ")";
  }
}
