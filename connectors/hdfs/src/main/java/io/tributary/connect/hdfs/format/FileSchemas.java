package io.tributary.connect.hdfs.format;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/** The check that a record's value schema is the schema its file was opened with. */
final class FileSchemas {
  private FileSchemas() {}

  static void requireSame(Schema fileSchema, SinkRecord record) {
    Schema schema = record.valueSchema();
    if (schema == fileSchema || (schema != null && schema.equals(fileSchema))) {
      return;
    }
    throw new DataException(
        "The value schema of "
            + record.topic()
            + "-"
            + record.kafkaPartition()
            + "@"
            + record.kafkaOffset()
            + " ("
            + describe(schema)
            + ") is not the schema of its file ("
            + describe(fileSchema)
            + "); project the record to the file's schema or start a new file");
  }

  private static String describe(Schema schema) {
    if (schema == null) {
      return "no schema";
    }
    return (schema.name() == null ? schema.type().toString() : schema.name())
        + (schema.version() == null ? "" : " version " + schema.version());
  }
}
