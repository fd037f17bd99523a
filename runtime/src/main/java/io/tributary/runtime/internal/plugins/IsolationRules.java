package io.tributary.runtime.internal.plugins;

import java.util.List;
import java.util.Set;

/**
 * Which classes a plugin's class loader takes from the worker (shared) and which it loads from the
 * plugin itself (isolated), with Kafka Connect's rules:
 *
 * <ul>
 *   <li>shared: the JDK ({@code java.*}, the {@code javax.*} packages of Java SE and Java EE,
 *       {@code org.w3c.dom}, {@code org.xml.sax}, {@code org.ietf.jgss}, {@code org.omg.*}), {@code
 *       org.slf4j.*} and everything under {@code org.apache.kafka} (the Connect API and
 *       kafka-clients), so the plugin and the worker agree on the types they exchange;
 *   <li>isolated nevertheless: the Apache packages that are plugins themselves (file, json,
 *       converters, transforms, mirror, the config provider and override policy implementations,
 *       {@code StringConverter}, {@code SimpleHeaderConverter}), but never the API types in those
 *       packages ({@code Transformation}, {@code Predicate}, {@code ConfigProvider}, {@code
 *       ConnectorClientConfigOverridePolicy}, {@code ConnectorClientConfigRequest});
 *   <li>isolated: everything else, including {@code javax} packages outside the JDK and Java EE.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class IsolationRules {
  private static final List<String> SHARED_PREFIXES =
      List.of(
          "java.",
          "org.slf4j.",
          "org.apache.kafka.",
          "org.ietf.jgss.",
          "org.omg.",
          "org.w3c.dom.",
          "org.xml.sax.");

  /** The javax packages of Java SE and Java EE; other javax packages may come with a plugin. */
  private static final List<String> SHARED_JAVAX_PACKAGES =
      List.of(
          "accessibility",
          "activation",
          "activity",
          "annotation",
          "batch.api",
          "batch.operations",
          "batch.runtime",
          "crypto",
          "decorator",
          "ejb",
          "el",
          "enterprise.concurrent",
          "enterprise.context",
          "enterprise.deploy.model",
          "enterprise.deploy.shared",
          "enterprise.deploy.spi",
          "enterprise.event",
          "enterprise.inject",
          "enterprise.util",
          "faces",
          "imageio",
          "inject",
          "interceptor",
          "jms",
          "json",
          "jws",
          "lang.model",
          "mail",
          "management",
          "naming",
          "net",
          "persistence",
          "print",
          "resource",
          "rmi",
          "script",
          "security.auth",
          "security.cert",
          "security.jacc",
          "security.sasl",
          "servlet",
          "sound.midi",
          "sound.sampled",
          "sql",
          "swing",
          "tools",
          "transaction",
          "validation",
          "websocket",
          "ws.rs",
          "xml");

  /** Packages under org.apache.kafka whose classes are plugins and load from a plugin first. */
  private static final List<String> ISOLATED_KAFKA_PACKAGES =
      List.of(
          "org.apache.kafka.connect.transforms.",
          "org.apache.kafka.connect.json.",
          "org.apache.kafka.connect.file.",
          "org.apache.kafka.connect.mirror.",
          "org.apache.kafka.connect.converters.",
          "org.apache.kafka.connect.connector.policy.",
          "org.apache.kafka.common.config.provider.");

  /** Single isolated classes in otherwise shared packages. */
  private static final Set<String> ISOLATED_KAFKA_CLASSES =
      Set.of(
          "org.apache.kafka.connect.storage.StringConverter",
          "org.apache.kafka.connect.storage.SimpleHeaderConverter",
          "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension");

  /** The API types inside isolated packages: always the worker's, or plugins would not fit. */
  private static final Set<String> API_TYPES =
      Set.of(
          "org.apache.kafka.connect.transforms.Transformation",
          "org.apache.kafka.connect.transforms.predicates.Predicate",
          "org.apache.kafka.common.config.provider.ConfigProvider",
          "org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy",
          "org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest",
          "org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest$ClientType");

  private IsolationRules() {}

  /**
   * Whether a plugin's class loader loads the class (or the class file resource's class) from the
   * plugin first.
   *
   * @param className a binary class name, e.g. {@code org.example.Outer$Inner}
   */
  static boolean loadInIsolation(String className) {
    return !isShared(className) || isIsolatedKafkaPlugin(className);
  }

  private static boolean isShared(String className) {
    for (String prefix : SHARED_PREFIXES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    if (className.startsWith("javax.")) {
      String rest = className.substring("javax.".length());
      for (String javaxPackage : SHARED_JAVAX_PACKAGES) {
        if (rest.startsWith(javaxPackage) && rest.startsWith(".", javaxPackage.length())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isIsolatedKafkaPlugin(String className) {
    if (API_TYPES.contains(className) || isTransformationApiType(className)) {
      return false;
    }
    if (ISOLATED_KAFKA_CLASSES.contains(className)) {
      return true;
    }
    for (String prefix : ISOLATED_KAFKA_PACKAGES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  // Kafka Connect keeps every class of the transforms package whose name starts with
  // "Transformation" (the interface and its nested types) shared.
  private static boolean isTransformationApiType(String className) {
    return className.startsWith("org.apache.kafka.connect.transforms.Transformation");
  }
}
