package io.tributary.connect.hdfs.schema;

import java.util.Objects;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaProjector;
import org.apache.kafka.connect.errors.SchemaProjectorException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * {@code schema.compatibility}: what the sink does when a record's value schema changes, with the
 * semantics of Confluent's HDFS connector. Only value schemas count.
 *
 * <ul>
 *   <li>{@code NONE}: any schema different from the open file's (by {@code equals}) starts a new
 *       file; records are never projected.
 *   <li>{@code BACKWARD} and {@code FULL}: the files keep the newest schema. A record with a higher
 *       schema version than the open file starts a new file with its schema; a record with the same
 *       or a lower version is projected to the file's schema (fields it lacks get their defaults,
 *       or null when optional; fields the file's schema lacks are dropped).
 *   <li>{@code FORWARD}: the opposite order: a record with a lower version than the open file
 *       starts a new file; one with the same or a higher version is projected to the file's schema.
 * </ul>
 *
 * <p>Every mode but NONE compares {@link Schema#version()}, so both schemas need a version (the
 * Avro converter with the schema registry sets it). Records without a schema are written as they
 * are; switching between records with and without a schema starts a new file under NONE and fails
 * under the other modes. A projection that is impossible (a required field without default is
 * missing, types differ) fails with a {@link SchemaProjectorException}. Immutable.
 */
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
   *
   * @throws SchemaProjectorException when the mode compares versions and a schema has none, or when
   *     the mode is not NONE and one of the two is schemaless and the other not
   */
  public boolean shouldChangeSchema(Schema incoming, Schema current) {
    if (incoming == null && current == null) {
      return false;
    }
    if (incoming == null || current == null) {
      if (this == NONE) {
        return true;
      }
      throw new SchemaProjectorException(
          "Records with and without a value schema cannot be mixed under "
              + CONFIG
              + "="
              + this
              + "; use "
              + CONFIG
              + "=NONE or a converter that always sets a schema");
    }
    if (this == NONE) {
      return !incoming.equals(current);
    }
    if (incoming.version() == null || current.version() == null) {
      throw new SchemaProjectorException(
          "Schema version required for "
              + CONFIG
              + "="
              + this
              + " (schema "
              + (incoming.version() == null ? incoming.name() : current.name())
              + " has none); use a converter that sets versions (Avro with the schema registry) or "
              + CONFIG
              + "=NONE");
    }
    int order = incoming.version().compareTo(current.version());
    return this == FORWARD ? order < 0 : order > 0;
  }

  /**
   * {@code record} with its value adapted to {@code current} (when not changing schema): the record
   * itself under NONE or when the schemas are equal, else its value projected by Kafka Connect's
   * {@link SchemaProjector}.
   *
   * @throws SchemaProjectorException when the value cannot be projected to {@code current}
   */
  public SinkRecord project(SinkRecord record, Schema current) {
    if (this == NONE || current == null || Objects.equals(record.valueSchema(), current)) {
      return record;
    }
    if (record.valueSchema() == null) {
      throw new SchemaProjectorException(
          "Cannot project the schemaless value of "
              + record.topic()
              + "-"
              + record.kafkaPartition()
              + "@"
              + record.kafkaOffset()
              + " to schema "
              + current.name());
    }
    Object projected;
    try {
      projected = SchemaProjector.project(record.valueSchema(), record.value(), current);
    } catch (SchemaProjectorException e) {
      throw new SchemaProjectorException(
          "Cannot project the value of "
              + record.topic()
              + "-"
              + record.kafkaPartition()
              + "@"
              + record.kafkaOffset()
              + " (schema version "
              + record.valueSchema().version()
              + ") to the open file's schema (version "
              + current.version()
              + ") under "
              + CONFIG
              + "="
              + this
              + ": "
              + e.getMessage(),
          e);
    }
    return record.newRecord(
        record.topic(),
        record.kafkaPartition(),
        record.keySchema(),
        record.key(),
        current,
        projected,
        record.timestamp(),
        record.headers());
  }
}
