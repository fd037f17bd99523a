package io.tributary.connect.hdfs.format;

import static java.util.Objects.requireNonNull;

import io.tributary.registry.avro.AvroData;
import java.io.IOException;
import org.apache.avro.generic.GenericData;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.InvalidSchemaException;

/**
 * Parquet files ({@code format=parquet}, extension {@code .parquet}) written through parquet-avro:
 * the Connect value schema (a struct) becomes an Avro record schema by {@link AvroData} and that
 * the Parquet schema; lists use the standard three-level structure (so list elements may be null),
 * pages are compressed with {@code parquet.codec}. Thread-safe; each writer belongs to one thread.
 */
public final class ParquetFormat implements RecordFormat {

  /** The short name. */
  public static final String NAME = "parquet";

  private final CompressionCodecName codec;
  private final AvroData avroData = new AvroData(AvroFormat.SCHEMA_CACHE_SIZE);

  /** A format compressing pages with {@code codec}. */
  public ParquetFormat(CompressionCodecName codec) {
    this.codec = requireNonNull(codec, "codec is null");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String extension() {
    return ".parquet";
  }

  @Override
  public RecordFileWriter open(FileSystem fs, Path path, Schema valueSchema) throws IOException {
    if (valueSchema == null || valueSchema.type() != Schema.Type.STRUCT) {
      throw new DataException(
          "The parquet format needs records whose value schema is a struct, not "
              + (valueSchema == null ? "schemaless values" : valueSchema.type().toString())
              + "; use format=json or format=avro for those (file "
              + path
              + ")");
    }
    org.apache.avro.Schema avroSchema = avroData.fromConnectSchema(valueSchema);
    Configuration conf = new Configuration(fs.getConf());
    conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
    ParquetWriter<Object> writer;
    try {
      writer =
          AvroParquetWriter.builder(new DurableOutputFile(fs, path))
              .withSchema(avroSchema)
              .withDataModel(GenericData.get())
              .withConf(conf)
              .withCompressionCodec(codec)
              .withWriteMode(ParquetFileWriter.Mode.CREATE)
              .build();
    } catch (InvalidSchemaException | IllegalArgumentException e) {
      // the schema is converted before the file is created: nothing to clean up
      throw new DataException(
          "The value schema "
              + (valueSchema.name() == null ? "" : valueSchema.name() + " ")
              + "cannot be written as Parquet ("
              + e.getMessage()
              + "); use format=avro or format=json for it (file "
              + path
              + ")",
          e);
    }
    return new ParquetRecordFileWriter(writer, valueSchema, avroSchema, avroData);
  }

  @Override
  public String toString() {
    return NAME + "(" + codec + ")";
  }
}
