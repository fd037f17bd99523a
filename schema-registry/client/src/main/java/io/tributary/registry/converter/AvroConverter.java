package io.tributary.registry.converter;

import io.tributary.registry.avro.AvroData;
import io.tributary.registry.client.SchemaRegistryClient;
import io.tributary.registry.serde.AvroSerdeConfig;
import io.tributary.registry.serde.internal.AvroSerdeSupport;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Kafka Connect converter between Connect data and Avro in the schema registry's wire format (magic
 * byte 0, 4-byte schema id, Avro binary), as Confluent's {@code AvroConverter} does, with the same
 * config keys ({@code schema.registry.url}, {@code auto.register.schemas}, {@code
 * use.latest.version}, {@code key.subject.name.strategy} / {@code value.subject.name.strategy},
 * ...; see {@link AvroSerdeConfig}). A worker passes them with the {@code key.converter.} / {@code
 * value.converter.} prefixes removed.
 *
 * <p>Read schemas carry the registry's version of the writer schema under the record's subject as
 * their Connect version (sinks use it to tell schema versions apart) unless the Avro schema has
 * {@code connect.version}. A null value (a tombstone) converts to null bytes, even when its schema
 * has a default, and back to {@link SchemaAndValue#NULL}. Schema conversions are cached ({@code
 * schemas.cache.config}). Thread-safe after {@link #configure}.
 */
public final class AvroConverter implements Converter, AutoCloseable {
  private final SchemaRegistryClient presetClient;
  private AvroSerdeSupport support;
  private AvroData avroData;

  /** A converter whose registry comes from {@code schema.registry.url}. */
  public AvroConverter() {
    this.presetClient = null;
  }

  /** A converter using {@code client} (other settings still come from {@link #configure}). */
  public AvroConverter(SchemaRegistryClient client) {
    this.presetClient = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.support = AvroSerdeSupport.configure(presetClient, configs, isKey);
    this.avroData =
        new AvroData(support.config().getInt(AvroSerdeConfig.SCHEMAS_CACHE_SIZE_CONFIG));
  }

  @Override
  public ConfigDef config() {
    return AvroSerdeConfig.configDef();
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    checkConfigured();
    if (value == null) {
      return null; // a tombstone stays a tombstone, whatever the schema's default
    }
    try {
      org.apache.avro.Schema avroSchema = avroData.fromConnectSchema(schema);
      Object datum = avroData.fromConnectData(schema, avroSchema, value);
      return support.serialize(topic, avroSchema, datum);
    } catch (SerializationException e) {
      throw new DataException(
          "Failed to serialize Avro data for topic '" + topic + "': " + e.getMessage(), e);
    }
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    checkConfigured();
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    try {
      AvroSerdeSupport.Decoded decoded = support.deserialize(topic, value);
      return avroData.toConnectData(
          decoded.writerSchema(), decoded.datum(), support.registeredVersion(topic, decoded));
    } catch (SerializationException e) {
      throw new DataException(
          "Failed to deserialize Avro data for topic '" + topic + "': " + e.getMessage(), e);
    }
  }

  /**
   * Releases the registry client this converter made (Tributary's worker closes converters that are
   * {@link AutoCloseable} when their task stops). A client given to the constructor stays open.
   */
  @Override
  public void close() {
    if (support != null) {
      support.close();
    }
  }

  private void checkConfigured() {
    if (support == null) {
      throw new IllegalStateException("AvroConverter used before configure()");
    }
  }
}
