package io.tributary.runtime.internal.plugins;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.storage.Converter;

/** A converter that does not implement Versioned: its version comes from its jar's manifest. */
public class TestingUnversionedConverter implements Converter {
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    return null;
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    return SchemaAndValue.NULL;
  }
}
