package io.tributary.connect.hdfs.format;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.connect.data.Schema;

/**
 * JSON lines ({@code format=json}, extension {@code .json}): each record's value as one JSON value
 * on its own line, UTF-8; values with or without a schema (see {@link JsonValueWriter} for how
 * Connect types are written). Immutable.
 */
public final class JsonLinesFormat implements RecordFormat {

  /** The short name. */
  public static final String NAME = "json";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String extension() {
    return ".json";
  }

  @Override
  public RecordFileWriter open(FileSystem fs, Path path, Schema valueSchema) throws IOException {
    return new JsonLinesFileWriter(DurableOutput.create(fs, path));
  }

  @Override
  public String toString() {
    return NAME;
  }
}
