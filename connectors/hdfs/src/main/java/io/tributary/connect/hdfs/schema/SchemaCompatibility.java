package io.tributary.connect.hdfs.schema;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/** {@code schema.compatibility}: what the sink does when a record's value schema changes. */
public enum SchemaCompatibility {
  NONE,
  BACKWARD,
  FORWARD,
  FULL;

  /** The config key. */
  public static final String CONFIG = "schema.compatibility";

  /**
   * Whether a record with {@code incoming} value schema, arriving while the open file has {@code
   * current}, must go to a new file (which then has {@code incoming}).
   */
  public boolean shouldChangeSchema(Schema incoming, Schema current) {
    throw new UnsupportedOperationException("contract only, implemented on the formats branch");
  }

  /** {@code record} with its value adapted to {@code current} (when not changing schema). */
  public SinkRecord project(SinkRecord record, Schema current) {
    throw new UnsupportedOperationException("contract only, implemented on the formats branch");
  }
}
