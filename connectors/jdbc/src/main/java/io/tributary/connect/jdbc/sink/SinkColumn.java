package io.tributary.connect.jdbc.sink;

import static java.util.Objects.requireNonNull;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A column the sink writes: its name (the field's name), the Connect schema of its values, whether
 * it is part of the primary key, and where its value comes from in a record. Immutable.
 */
public record SinkColumn(String name, Schema schema, boolean primaryKey, Origin origin) {
  /** Where a column's value is read from. */
  public enum Origin {
    KAFKA_TOPIC,
    KAFKA_PARTITION,
    KAFKA_OFFSET,
    /** The whole (primitive) record key. */
    KEY,
    /** A field of the record key (a struct). */
    KEY_FIELD,
    /** A field of the record value (a struct). */
    VALUE_FIELD
  }

  public SinkColumn {
    requireNonNull(name, "name is null");
    requireNonNull(schema, "schema is null");
    requireNonNull(origin, "origin is null");
  }

  /** This column's value in {@code record} (whose shape this column belongs to). */
  public Object valueIn(SinkRecord record) {
    return switch (origin) {
      case KAFKA_TOPIC -> record.topic();
      case KAFKA_PARTITION -> record.kafkaPartition();
      case KAFKA_OFFSET -> record.kafkaOffset();
      case KEY -> record.key();
      case KEY_FIELD -> ((Struct) record.key()).get(name);
      case VALUE_FIELD -> ((Struct) record.value()).get(name);
    };
  }
}
