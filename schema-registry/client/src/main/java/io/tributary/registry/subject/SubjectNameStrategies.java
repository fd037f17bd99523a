package io.tributary.registry.subject;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigException;

/**
 * Resolves the value of {@code key.subject.name.strategy} / {@code value.subject.name.strategy}: a
 * short name ({@code TopicNameStrategy}, {@code RecordNameStrategy}, {@code
 * TopicRecordNameStrategy}), one of this package's class names, Confluent's class names ({@code
 * io.confluent.kafka.serializers.subject.*}, mapped to the same behaviour here), or the class name
 * of another {@link SubjectNameStrategy} implementation with a public no-argument constructor.
 */
public final class SubjectNameStrategies {
  private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

  private static final Map<String, Supplier<SubjectNameStrategy>> BUILT_IN =
      Map.of(
          "TopicNameStrategy", TopicNameStrategy::new,
          "RecordNameStrategy", RecordNameStrategy::new,
          "TopicRecordNameStrategy", TopicRecordNameStrategy::new);

  private SubjectNameStrategies() {}

  /**
   * The strategy named by {@code value}.
   *
   * @param configKey the key being resolved, named in errors
   * @throws ConfigException for an unknown name or a class that is no strategy
   */
  public static SubjectNameStrategy resolve(String configKey, String value) {
    String name = value == null ? "" : value.trim();
    String shortName = name;
    if (name.startsWith(CONFLUENT_PACKAGE)) {
      shortName = name.substring(CONFLUENT_PACKAGE.length());
    } else if (name.startsWith(SubjectNameStrategies.class.getPackageName() + ".")) {
      shortName = name.substring(SubjectNameStrategies.class.getPackageName().length() + 1);
    }
    Supplier<SubjectNameStrategy> builtIn = BUILT_IN.get(shortName);
    if (builtIn != null) {
      return builtIn.get();
    }
    if (name.startsWith(CONFLUENT_PACKAGE)) {
      throw new ConfigException(
          configKey, value, "unsupported Confluent strategy; use one of " + BUILT_IN.keySet());
    }
    try {
      Class<?> type = Class.forName(name, true, classLoader());
      if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
        throw new ConfigException(
            configKey, value, "class does not implement " + SubjectNameStrategy.class.getName());
      }
      return (SubjectNameStrategy) type.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new ConfigException(
          configKey,
          value,
          "unknown subject name strategy; use one of "
              + BUILT_IN.keySet()
              + " or the class name of a "
              + SubjectNameStrategy.class.getName());
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      throw new ConfigException(configKey, value, "cannot instantiate the strategy: " + cause);
    }
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : SubjectNameStrategies.class.getClassLoader();
  }
}
