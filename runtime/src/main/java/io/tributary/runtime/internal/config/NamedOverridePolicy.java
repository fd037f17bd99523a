package io.tributary.runtime.internal.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest;

/**
 * The built-in {@code connector.client.config.override.policy} values of Kafka Connect: {@code All}
 * (any client setting may be overridden), {@code None} (none may) and {@code Principal} (only
 * {@code security.protocol}, {@code sasl.jaas.config} and {@code sasl.mechanism}). A setting not
 * allowed gets the error "The '&lt;policy&gt;' policy does not allow '&lt;key&gt;' to be
 * overridden". Stateless and thread-safe.
 */
public final class NamedOverridePolicy implements ConnectorClientConfigOverridePolicy {
  private static final Set<String> PRINCIPAL_KEYS =
      Set.of(
          CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
          SaslConfigs.SASL_JAAS_CONFIG,
          SaslConfigs.SASL_MECHANISM);

  private final String name;
  private final Predicate<String> allowed;

  private NamedOverridePolicy(String name, Predicate<String> allowed) {
    this.name = requireNonNull(name, "name is null");
    this.allowed = requireNonNull(allowed, "allowed is null");
  }

  public static NamedOverridePolicy all() {
    return new NamedOverridePolicy("All", key -> true);
  }

  public static NamedOverridePolicy none() {
    return new NamedOverridePolicy("None", key -> false);
  }

  public static NamedOverridePolicy principal() {
    return new NamedOverridePolicy("Principal", PRINCIPAL_KEYS::contains);
  }

  /** The built-in policy with this name (ignoring case), or null. */
  public static NamedOverridePolicy byName(String policy) {
    return switch (policy.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "all", "allconnectorclientconfigoverridepolicy" -> all();
      case "none", "noneconnectorclientconfigoverridepolicy" -> none();
      case "principal", "principalconnectorclientconfigoverridepolicy" -> principal();
      default -> null;
    };
  }

  public String policyName() {
    return name;
  }

  @Override
  public List<ConfigValue> validate(ConnectorClientConfigRequest request) {
    List<ConfigValue> values = new ArrayList<>();
    for (Map.Entry<String, Object> entry : request.clientProps().entrySet()) {
      ConfigValue value =
          new ConfigValue(entry.getKey(), entry.getValue(), new ArrayList<>(), new ArrayList<>());
      if (!allowed.test(entry.getKey())) {
        value.addErrorMessage(
            "The '" + name + "' policy does not allow '" + entry.getKey() + "' to be overridden");
      }
      values.add(value);
    }
    return values;
  }

  @Override
  public void configure(Map<String, ?> configs) {}

  @Override
  public void close() {}
}
