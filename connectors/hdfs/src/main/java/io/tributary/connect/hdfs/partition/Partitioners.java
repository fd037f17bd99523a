package io.tributary.connect.hdfs.partition;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The partitioner settings, with the keys of Confluent's HDFS connector, and the chosen
 * partitioner. {@code partitioner.class} takes a short name ({@code default}, {@code field}),
 * Confluent's class name for the same partitioner, or a class implementing {@link Partitioner}
 * (public constructor taking an {@link AbstractConfig}, or none). Stateless.
 */
public final class Partitioners {

  public static final String PARTITIONER_CLASS_CONFIG = "partitioner.class";
  public static final String PARTITIONER_CLASS_DEFAULT = "default";
  private static final String PARTITIONER_CLASS_DOC =
      "How records are laid out in directories under topics.dir/<topic>: default (partition=N),"
          + " field (name=value per field of partition.field.name), time (path.format by"
          + " timestamp.extractor), hourly, daily; Confluent's io.confluent.connect.storage"
          + ".partitioner.* class names for the same; or a class implementing"
          + " io.tributary.connect.hdfs.partition.Partitioner.";

  public static final String PARTITION_FIELD_NAME_CONFIG = "partition.field.name";
  private static final String PARTITION_FIELD_NAME_DOC =
      "For partitioner.class=field: the value fields to partition by, in directory order;"
          + " nested fields by dotted names (address.city).";

  static final String DEFAULT = "default";
  static final String FIELD = "field";

  private static final Map<String, String> CONFLUENT_CLASSES =
      Map.of(
          "io.confluent.connect.storage.partitioner.DefaultPartitioner", DEFAULT,
          "io.confluent.connect.hdfs.partitioner.DefaultPartitioner", DEFAULT,
          "io.confluent.connect.storage.partitioner.FieldPartitioner", FIELD,
          "io.confluent.connect.hdfs.partitioner.FieldPartitioner", FIELD);

  private Partitioners() {}

  /** Adds every partitioner key to {@code def}. */
  public static void define(ConfigDef def) {
    def.define(
            PARTITIONER_CLASS_CONFIG,
            Type.STRING,
            PARTITIONER_CLASS_DEFAULT,
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            PARTITIONER_CLASS_DOC)
        .define(
            PARTITION_FIELD_NAME_CONFIG,
            Type.LIST,
            "",
            Importance.MEDIUM,
            PARTITION_FIELD_NAME_DOC);
  }

  /**
   * The partitioner the config chooses.
   *
   * @throws ConfigException naming the key and value when the partitioner is unknown or its
   *     settings are missing or invalid
   */
  public static Partitioner create(AbstractConfig config) {
    String name = config.getString(PARTITIONER_CLASS_CONFIG).trim();
    String shortName = CONFLUENT_CLASSES.getOrDefault(name, name);
    return switch (shortName) {
      case DEFAULT -> new DefaultPartitioner();
      case FIELD -> field(config);
      default -> CustomPartitioners.instantiate(name, config);
    };
  }

  private static Partitioner field(AbstractConfig config) {
    List<String> names =
        config.getList(PARTITION_FIELD_NAME_CONFIG).stream()
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    if (names.isEmpty()) {
      throw new ConfigException(
          PARTITION_FIELD_NAME_CONFIG,
          config.getList(PARTITION_FIELD_NAME_CONFIG),
          "partitioner.class=field needs at least one field name");
    }
    return new FieldPartitioner(names);
  }
}
