package io.tributary.connect.hdfs;

import io.tributary.connect.hdfs.schema.SchemaCompatibility;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The value checks of {@link HdfsSinkConfig}'s keys that Kafka's ConfigDef does not have. */
final class ConfigValidators {
  private ConfigValidators() {}

  /** A string that is not blank. */
  static final class NonBlank implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (value == null || value.toString().isBlank()) {
        throw new ConfigException(name, value, "must not be blank; give a directory name");
      }
    }

    @Override
    public String toString() {
      return "non-blank string";
    }
  }

  /** -1 (disabled) or a positive number. */
  static final class DisabledOrPositive implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      long number = (Long) value;
      if (number != -1 && number < 1) {
        throw new ConfigException(name, value, "use a positive number, or -1 to disable it");
      }
    }

    @Override
    public String toString() {
      return "-1 (disabled) or a positive number";
    }
  }

  /** One of NONE, BACKWARD, FORWARD, FULL (any case). */
  static final class SchemaCompatibilityValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      try {
        SchemaCompatibility.valueOf(String.valueOf(value).strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, "use one of NONE, BACKWARD, FORWARD, FULL");
      }
    }

    @Override
    public String toString() {
      return "[NONE, BACKWARD, FORWARD, FULL]";
    }
  }
}
