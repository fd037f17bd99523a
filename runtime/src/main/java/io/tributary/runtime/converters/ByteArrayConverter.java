package io.tributary.runtime.converters;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * Passes bytes through unchanged, for record keys, values and headers whose bytes a connector
 * handles itself. Data read from Kafka gets the optional bytes schema; data written must be {@code
 * byte[]} or a {@code ByteBuffer} (or null) with no schema or a bytes schema.
 *
 * <p>Configs that name Kafka Connect's {@code
 * org.apache.kafka.connect.converters.ByteArrayConverter} (in connect-runtime, which Tributary does
 * not ship) get this class.
 *
 * <p>Stateless and thread-safe; {@link #configure} accepts and ignores {@code converter.type}.
 */
public class ByteArrayConverter implements Converter, HeaderConverter, Versioned {
  private static final ConfigDef CONFIG_DEF = ConverterConfig.newConfigDef();

  @Override
  public String version() {
    String version = ByteArrayConverter.class.getPackage().getImplementationVersion();
    return version != null ? version : "undefined";
  }

  @Override
  public ConfigDef config() {
    return CONFIG_DEF;
  }

  @Override
  public void configure(Map<String, ?> configs) {}

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    if (schema != null && schema.type() != Schema.Type.BYTES) {
      throw new DataException(
          "ByteArrayConverter cannot convert data with schema type "
              + schema.type()
              + " (topic "
              + topic
              + "): it needs a BYTES schema or none; use another converter for this data");
    }
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer view = buffer.duplicate();
      byte[] bytes = new byte[view.remaining()];
      view.get(bytes);
      return bytes;
    }
    throw new DataException(
        "ByteArrayConverter cannot convert a "
            + value.getClass().getName()
            + " (topic "
            + topic
            + "): it needs byte[] or ByteBuffer values");
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    return new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, value);
  }

  @Override
  public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
    return fromConnectData(topic, schema, value);
  }

  @Override
  public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
    return toConnectData(topic, value);
  }

  @Override
  public void close() {}
}
