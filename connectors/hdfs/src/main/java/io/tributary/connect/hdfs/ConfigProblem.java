package io.tributary.connect.hdfs;

import java.util.List;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * A problem between keys whose values are each valid on their own (e.g. {@code mode=spool} without
 * {@code spool.dir}), reported on {@code key} in Kafka's wording.
 */
record ConfigProblem(String key, Object value, String reason) {
  /** The message Kafka's {@code ConfigException} would give. */
  String message() {
    return "Invalid value " + value + " for configuration " + key + ": " + reason;
  }

  /** Adds each problem's message to the validated value of its key. */
  static Config attach(Config config, List<ConfigProblem> problems) {
    for (ConfigProblem problem : problems) {
      for (ConfigValue value : config.configValues()) {
        if (value.name().equals(problem.key())) {
          value.addErrorMessage(problem.message());
        }
      }
    }
    return config;
  }
}
