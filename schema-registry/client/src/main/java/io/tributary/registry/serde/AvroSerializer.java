package io.tributary.registry.serde;

import io.tributary.registry.client.SchemaRegistryClient;
import io.tributary.registry.serde.internal.AvroSerdeSupport;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes Avro data in the schema registry's wire format (magic byte 0, 4-byte schema id, Avro
 * binary): {@code GenericRecord}s, generated {@code SpecificRecord}s, enum symbols, and primitives
 * (null, Boolean, Integer, Long, Float, Double, CharSequence, byte[] / ByteBuffer) as the matching
 * Avro primitive schema. Configured with {@link AvroSerdeConfig}'s keys; a null datum becomes a
 * null record. Thread-safe after {@link #configure}.
 */
public final class AvroSerializer implements Serializer<Object> {
  private AvroSerdeSupport support;
  private final SchemaRegistryClient presetClient;

  /** A serializer whose registry comes from {@code schema.registry.url}. */
  public AvroSerializer() {
    this.presetClient = null;
  }

  /** A serializer using {@code client} (other settings still come from {@link #configure}). */
  public AvroSerializer(SchemaRegistryClient client) {
    this.presetClient = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.support = AvroSerdeSupport.configure(presetClient, configs, isKey);
  }

  @Override
  public byte[] serialize(String topic, Object data) {
    if (support == null) {
      throw new IllegalStateException("AvroSerializer used before configure()");
    }
    if (data == null) {
      return null;
    }
    return support.serialize(topic, schemaOf(data), data);
  }

  @Override
  public void close() {
    if (support != null) {
      support.close();
    }
  }

  /** The Avro schema of a datum. */
  static Schema schemaOf(Object data) {
    if (data instanceof GenericContainer container) {
      return container.getSchema();
    }
    Schema.Type type;
    if (data instanceof Boolean) {
      type = Schema.Type.BOOLEAN;
    } else if (data instanceof Integer) {
      type = Schema.Type.INT;
    } else if (data instanceof Long) {
      type = Schema.Type.LONG;
    } else if (data instanceof Float) {
      type = Schema.Type.FLOAT;
    } else if (data instanceof Double) {
      type = Schema.Type.DOUBLE;
    } else if (data instanceof CharSequence) {
      type = Schema.Type.STRING;
    } else if (data instanceof byte[] || data instanceof ByteBuffer) {
      type = Schema.Type.BYTES;
    } else {
      throw new SerializationException(
          "Cannot serialize a "
              + data.getClass().getName()
              + " with Avro: expected a GenericRecord, SpecificRecord, enum symbol, or a"
              + " Boolean, Integer, Long, Float, Double, CharSequence, byte[] or ByteBuffer");
    }
    return Schema.create(type);
  }
}
