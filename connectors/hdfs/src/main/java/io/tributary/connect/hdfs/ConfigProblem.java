package io.tributary.connect.hdfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * A problem between keys whose values are each valid on their own (e.g. Kerberos on without a
 * keytab), or with a key this connector does not define (a Confluent key it does not implement),
 * reported on {@code key} in Kafka's wording.
 */
record ConfigProblem(String key, Object value, String reason) {
  /** The message Kafka's {@code ConfigException} would give. */
  String message() {
    return "Invalid value " + value + " for configuration " + key + ": " + reason;
  }

  /**
   * Adds each problem's message to the validated value of its key, adding a value for keys the
   * connector does not define.
   */
  static Config attach(Config config, List<ConfigProblem> problems, Map<String, String> props) {
    List<ConfigValue> values = new ArrayList<>(config.configValues());
    for (ConfigProblem problem : problems) {
      ConfigValue target = null;
      for (ConfigValue value : values) {
        if (value.name().equals(problem.key())) {
          target = value;
        }
      }
      if (target == null) {
        target =
            new ConfigValue(
                problem.key(), props.get(problem.key()), new ArrayList<>(), new ArrayList<>());
        values.add(target);
      }
      target.addErrorMessage(problem.message());
    }
    return new Config(values);
  }
}
