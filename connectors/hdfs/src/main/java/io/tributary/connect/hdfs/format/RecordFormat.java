package io.tributary.connect.hdfs.format;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.connect.data.Schema;

/**
 * One output file format ({@code avro}, {@code parquet}, {@code json}). Instances are immutable and
 * thread-safe; each {@link #open} returns a writer used by one task thread.
 */
public interface RecordFormat {

  /** The short name users write in {@code format}, e.g. {@code "parquet"}. */
  String name();

  /** The file name extension including the dot, e.g. {@code ".parquet"}. */
  String extension();

  /**
   * Creates {@code path} (which must not exist) and returns a writer for records whose values have
   * {@code valueSchema} (null for schemaless values where the format allows them).
   */
  RecordFileWriter open(FileSystem fs, Path path, Schema valueSchema) throws IOException;
}
