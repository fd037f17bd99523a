package io.tributary.connect.hdfs.partition;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;

/** Creates a user's {@link Partitioner} class named in {@code partitioner.class}. */
final class CustomPartitioners {
  private static final String KEY = Partitioners.PARTITIONER_CLASS_CONFIG;

  private CustomPartitioners() {}

  /**
   * The class {@code className}, checked to implement {@link Partitioner}.
   *
   * @throws ConfigException naming {@code partitioner.class} when it is missing or does not
   */
  static Class<?> load(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, false, CustomPartitioners.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigException(
          KEY,
          className,
          "is neither a known partitioner (default, field, time, hourly, daily) nor a class"
              + " found here ("
              + e
              + ")");
    }
    if (!Partitioner.class.isAssignableFrom(type)) {
      throw new ConfigException(
          KEY, className, "does not implement " + Partitioner.class.getName());
    }
    return type;
  }

  static Partitioner instantiate(String className, AbstractConfig config) {
    Class<?> type = load(className);
    try {
      try {
        Constructor<?> withConfig = type.getConstructor(AbstractConfig.class);
        return (Partitioner) withConfig.newInstance(config);
      } catch (NoSuchMethodException e) {
        return (Partitioner) type.getConstructor().newInstance();
      }
    } catch (NoSuchMethodException e) {
      throw new ConfigException(
          KEY,
          className,
          "needs a public constructor taking an AbstractConfig, or a public no-argument one");
    } catch (InvocationTargetException e) {
      throw new ConfigException(KEY, className, "its constructor failed: " + e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new ConfigException(KEY, className, "cannot be created: " + e);
    }
  }
}
