package io.tributary.runtime.internal.plugins;

import java.util.Locale;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * The kinds of plugin a worker loads, each with the Connect API type it implements and the name
 * Kafka Connect's REST API gives it ({@code GET /connector-plugins} shows {@code "type":
 * "source"}). One class may be several kinds (JsonConverter is a converter and a header converter).
 */
public enum PluginType {
  SOURCE(SourceConnector.class),
  SINK(SinkConnector.class),
  CONVERTER(Converter.class),
  HEADER_CONVERTER(HeaderConverter.class),
  TRANSFORMATION(Transformation.class),
  PREDICATE(Predicate.class),
  CONFIG_PROVIDER(ConfigProvider.class),
  CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY(ConnectorClientConfigOverridePolicy.class);

  private final Class<?> superClass;

  PluginType(Class<?> superClass) {
    this.superClass = superClass;
  }

  /** The Connect API type every plugin of this kind implements. */
  public Class<?> superClass() {
    return superClass;
  }

  /** The name the REST API shows, e.g. {@code header_converter}. */
  public String restName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
