package io.tributary.connect.hdfs.format;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The format settings and the chosen format. {@code format} takes a short name ({@code avro},
 * {@code parquet}, {@code json}); {@code format.class} takes a class implementing {@link
 * RecordFormat} (public constructor taking an {@link AbstractConfig}, or none) or one of
 * Confluent's HDFS connector format class names, which map to the matching built-in format. When
 * both are set they must agree. Stateless.
 */
public final class Formats {

  public static final String FORMAT_CONFIG = "format";
  public static final String FORMAT_DEFAULT = AvroFormat.NAME;
  private static final String FORMAT_DOC =
      "The output file format: avro (Avro container files), parquet (Parquet through parquet-avro)"
          + " or json (JSON lines). Overridden by format.class when that is set.";

  public static final String FORMAT_CLASS_CONFIG = "format.class";
  private static final String FORMAT_CLASS_DOC =
      "A class implementing io.tributary.connect.hdfs.format.RecordFormat, or one of Confluent's"
          + " io.confluent.connect.hdfs.avro.AvroFormat, io.confluent.connect.hdfs.parquet"
          + ".ParquetFormat, io.confluent.connect.hdfs.json.JsonFormat (mapped to avro, parquet,"
          + " json). Empty: use format.";

  public static final String AVRO_CODEC_CONFIG = "avro.codec";
  public static final String AVRO_CODEC_DEFAULT = "null";
  private static final String AVRO_CODEC_DOC =
      "The compression codec of Avro container files: null (none), deflate, snappy, bzip2 or"
          + " zstandard.";

  public static final String PARQUET_CODEC_CONFIG = "parquet.codec";
  public static final String PARQUET_CODEC_DEFAULT = "snappy";
  private static final String PARQUET_CODEC_DOC =
      "The compression codec of Parquet files: uncompressed (or none), snappy, gzip or zstd.";

  private static final Map<String, String> CONFLUENT_CLASSES =
      Map.of(
          "io.confluent.connect.hdfs.avro.AvroFormat", AvroFormat.NAME,
          "io.confluent.connect.hdfs.parquet.ParquetFormat", ParquetFormat.NAME,
          "io.confluent.connect.hdfs.json.JsonFormat", JsonLinesFormat.NAME);

  private Formats() {}

  /** Adds every format key to {@code def}. */
  public static void define(ConfigDef def) {
    def.define(
            FORMAT_CONFIG,
            Type.STRING,
            FORMAT_DEFAULT,
            ConfigDef.CaseInsensitiveValidString.in(
                AvroFormat.NAME, ParquetFormat.NAME, JsonLinesFormat.NAME),
            Importance.HIGH,
            FORMAT_DOC)
        .define(
            FORMAT_CLASS_CONFIG,
            Type.STRING,
            "",
            ConfigDef.LambdaValidator.with(
                (name, value) -> {
                  String className = value == null ? "" : ((String) value).trim();
                  if (!className.isEmpty() && !CONFLUENT_CLASSES.containsKey(className)) {
                    load(className);
                  }
                },
                () ->
                    "empty, a Confluent HDFS format class name or a class implementing"
                        + " io.tributary.connect.hdfs.format.RecordFormat"),
            Importance.MEDIUM,
            FORMAT_CLASS_DOC)
        .define(
            AVRO_CODEC_CONFIG,
            Type.STRING,
            AVRO_CODEC_DEFAULT,
            ConfigDef.CaseInsensitiveValidString.in(AvroCodecs.NAMES.toArray(String[]::new)),
            Importance.LOW,
            AVRO_CODEC_DOC)
        .define(
            PARQUET_CODEC_CONFIG,
            Type.STRING,
            PARQUET_CODEC_DEFAULT,
            ConfigDef.CaseInsensitiveValidString.in(ParquetCodecs.NAMES.toArray(String[]::new)),
            Importance.LOW,
            PARQUET_CODEC_DOC);
  }

  /**
   * The format the config chooses.
   *
   * @throws ConfigException naming the key and value when the class is unknown, does not implement
   *     RecordFormat, or contradicts {@code format}
   */
  public static RecordFormat create(AbstractConfig config) {
    String className = config.getString(FORMAT_CLASS_CONFIG).trim();
    String shortName = config.getString(FORMAT_CONFIG).toLowerCase(Locale.ROOT);
    if (className.isEmpty()) {
      return builtIn(shortName, config);
    }
    String mapped = CONFLUENT_CLASSES.get(className);
    boolean formatGiven = config.originals().containsKey(FORMAT_CONFIG);
    if (mapped != null) {
      if (formatGiven && !mapped.equals(shortName)) {
        throw new ConfigException(
            FORMAT_CLASS_CONFIG,
            className,
            "contradicts " + FORMAT_CONFIG + "=" + shortName + "; set only one of the two");
      }
      return builtIn(mapped, config);
    }
    RecordFormat custom = instantiate(className, config);
    if (formatGiven && !custom.name().equals(shortName)) {
      throw new ConfigException(
          FORMAT_CLASS_CONFIG,
          className,
          "is format '"
              + custom.name()
              + "', which contradicts "
              + FORMAT_CONFIG
              + "="
              + shortName
              + "; set only one of the two");
    }
    return custom;
  }

  private static RecordFormat builtIn(String name, AbstractConfig config) {
    return switch (name) {
      case AvroFormat.NAME -> new AvroFormat(AvroCodecs.named(config.getString(AVRO_CODEC_CONFIG)));
      case ParquetFormat.NAME ->
          new ParquetFormat(ParquetCodecs.named(config.getString(PARQUET_CODEC_CONFIG)));
      case JsonLinesFormat.NAME -> new JsonLinesFormat();
      default ->
          throw new ConfigException(FORMAT_CONFIG, name, "must be one of avro, parquet, json");
    };
  }

  private static Class<?> load(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, false, Formats.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigException(
          FORMAT_CLASS_CONFIG,
          className,
          "class not found (" + e + "); use one of avro, parquet, json in " + FORMAT_CONFIG);
    }
    if (!RecordFormat.class.isAssignableFrom(type)) {
      throw new ConfigException(
          FORMAT_CLASS_CONFIG, className, "does not implement " + RecordFormat.class.getName());
    }
    return type;
  }

  private static RecordFormat instantiate(String className, AbstractConfig config) {
    Class<?> type = load(className);
    try {
      try {
        Constructor<?> withConfig = type.getConstructor(AbstractConfig.class);
        return (RecordFormat) withConfig.newInstance(config);
      } catch (NoSuchMethodException e) {
        return (RecordFormat) type.getConstructor().newInstance();
      }
    } catch (NoSuchMethodException e) {
      throw new ConfigException(
          FORMAT_CLASS_CONFIG,
          className,
          "needs a public constructor taking an AbstractConfig, or a public no-argument one");
    } catch (InvocationTargetException e) {
      throw new ConfigException(
          FORMAT_CLASS_CONFIG, className, "its constructor failed: " + e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new ConfigException(FORMAT_CLASS_CONFIG, className, "cannot be created: " + e);
    }
  }
}
