package io.tributary.registry.serde;

import io.tributary.registry.client.SchemaRegistryClient;
import io.tributary.registry.serde.internal.AvroSerdeSupport;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes records in the schema registry's wire format, fetching the writer schema by id
 * (cached). Records come back as {@code GenericRecord}, or as generated {@code SpecificRecord}
 * classes with {@code specific.avro.reader=true}; top-level strings as String, bytes as byte[],
 * other primitives boxed. A null record gives null. Thread-safe after {@link #configure}.
 */
public final class AvroDeserializer implements Deserializer<Object> {
  private AvroSerdeSupport support;
  private final SchemaRegistryClient presetClient;

  /** A deserializer whose registry comes from {@code schema.registry.url}. */
  public AvroDeserializer() {
    this.presetClient = null;
  }

  /** A deserializer using {@code client} (other settings still come from {@link #configure}). */
  public AvroDeserializer(SchemaRegistryClient client) {
    this.presetClient = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.support = AvroSerdeSupport.configure(presetClient, configs, isKey);
  }

  @Override
  public Object deserialize(String topic, byte[] data) {
    if (support == null) {
      throw new IllegalStateException("AvroDeserializer used before configure()");
    }
    if (data == null) {
      return null;
    }
    return support.deserialize(topic, data).datum();
  }

  @Override
  public void close() {
    if (support != null) {
      support.close();
    }
  }
}
