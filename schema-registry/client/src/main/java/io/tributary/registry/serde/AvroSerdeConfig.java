package io.tributary.registry.serde;

import io.tributary.registry.client.SchemaRegistryClientConfig;
import io.tributary.registry.subject.SubjectNameStrategies;
import io.tributary.registry.subject.SubjectNameStrategy;
import io.tributary.registry.subject.TopicNameStrategy;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Settings of the Avro serializer, deserializer and converter, under Confluent's keys, plus the
 * registry client's ({@link SchemaRegistryClientConfig}).
 */
public final class AvroSerdeConfig extends AbstractConfig {

  public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
  public static final boolean AUTO_REGISTER_SCHEMAS_DEFAULT = true;
  public static final String AUTO_REGISTER_SCHEMAS_DOC =
      "Whether the serializer registers the schema of the data it writes. When false, the schema"
          + " must already be registered under the subject (or use.latest.version is used).";

  public static final String USE_LATEST_VERSION_CONFIG = "use.latest.version";
  public static final boolean USE_LATEST_VERSION_DEFAULT = false;
  public static final String USE_LATEST_VERSION_DOC =
      "When auto.register.schemas is false, write with the subject's latest registered schema"
          + " instead of looking up the data's own schema.";

  public static final String NORMALIZE_SCHEMAS_CONFIG = "normalize.schemas";
  public static final boolean NORMALIZE_SCHEMAS_DEFAULT = false;
  public static final String NORMALIZE_SCHEMAS_DOC =
      "Whether the registry normalizes schemas before registering or looking them up.";

  public static final String KEY_SUBJECT_NAME_STRATEGY_CONFIG = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY_CONFIG = "value.subject.name.strategy";
  public static final String SUBJECT_NAME_STRATEGY_DEFAULT = TopicNameStrategy.class.getName();
  public static final String SUBJECT_NAME_STRATEGY_DOC =
      "How the subject is named: TopicNameStrategy (<topic>-key / <topic>-value),"
          + " RecordNameStrategy (the record's full name) or TopicRecordNameStrategy"
          + " (<topic>-<record full name>); short names, io.tributary.registry.subject class"
          + " names and Confluent's io.confluent.kafka.serializers.subject class names are"
          + " accepted.";

  public static final String SPECIFIC_AVRO_READER_CONFIG = "specific.avro.reader";
  public static final boolean SPECIFIC_AVRO_READER_DEFAULT = false;
  public static final String SPECIFIC_AVRO_READER_DOC =
      "Whether the deserializer returns generated SpecificRecord classes (found on the class path"
          + " by the writer schema's full name) instead of GenericRecord.";

  public static final String SCHEMAS_CACHE_SIZE_CONFIG = "schemas.cache.config";
  public static final int SCHEMAS_CACHE_SIZE_DEFAULT = 1000;
  public static final String SCHEMAS_CACHE_SIZE_DOC =
      "How many Connect <-> Avro schema conversions the converter caches.";

  private static final ConfigDef CONFIG_DEF = buildConfigDef();

  private static ConfigDef buildConfigDef() {
    ConfigDef def = SchemaRegistryClientConfig.addClientConfigs(new ConfigDef());
    return def.define(
            AUTO_REGISTER_SCHEMAS_CONFIG,
            Type.BOOLEAN,
            AUTO_REGISTER_SCHEMAS_DEFAULT,
            Importance.MEDIUM,
            AUTO_REGISTER_SCHEMAS_DOC)
        .define(
            USE_LATEST_VERSION_CONFIG,
            Type.BOOLEAN,
            USE_LATEST_VERSION_DEFAULT,
            Importance.LOW,
            USE_LATEST_VERSION_DOC)
        .define(
            NORMALIZE_SCHEMAS_CONFIG,
            Type.BOOLEAN,
            NORMALIZE_SCHEMAS_DEFAULT,
            Importance.LOW,
            NORMALIZE_SCHEMAS_DOC)
        .define(
            KEY_SUBJECT_NAME_STRATEGY_CONFIG,
            Type.STRING,
            SUBJECT_NAME_STRATEGY_DEFAULT,
            Importance.MEDIUM,
            SUBJECT_NAME_STRATEGY_DOC)
        .define(
            VALUE_SUBJECT_NAME_STRATEGY_CONFIG,
            Type.STRING,
            SUBJECT_NAME_STRATEGY_DEFAULT,
            Importance.MEDIUM,
            SUBJECT_NAME_STRATEGY_DOC)
        .define(
            SPECIFIC_AVRO_READER_CONFIG,
            Type.BOOLEAN,
            SPECIFIC_AVRO_READER_DEFAULT,
            Importance.LOW,
            SPECIFIC_AVRO_READER_DOC)
        .define(
            SCHEMAS_CACHE_SIZE_CONFIG,
            Type.INT,
            SCHEMAS_CACHE_SIZE_DEFAULT,
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            SCHEMAS_CACHE_SIZE_DOC);
  }

  /** Every key this config understands, with docs. */
  public static ConfigDef configDef() {
    return new ConfigDef(CONFIG_DEF);
  }

  /** Parses {@code props}; keys of other components are ignored. */
  public AvroSerdeConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
    subjectNameStrategy(true);
    subjectNameStrategy(false);
  }

  /** The subject name strategy for keys ({@code isKey}) or values. */
  public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
    String key = isKey ? KEY_SUBJECT_NAME_STRATEGY_CONFIG : VALUE_SUBJECT_NAME_STRATEGY_CONFIG;
    return SubjectNameStrategies.resolve(key, getString(key));
  }
}
