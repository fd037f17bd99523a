package io.tributary.connect.file;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.file.CodecFactory;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/**
 * The file sink's settings, each declared once in {@link #CONFIG_DEF}. Immutable after
 * construction; construction fails with a {@link ConfigException} naming the key, the value and the
 * reason when a value (or a combination of values) is invalid.
 */
public final class FileSinkConfig extends AbstractConfig {
  public static final String FILE_DIR_CONFIG = "file.dir";
  public static final String FILE_DIR_DOC =
      "Directory the sink writes its files to (created if missing). Completed files are named"
          + " <topic>+<partition>+<first offset>+<last offset>.<extension>[.gz]; files being"
          + " written live under its '+tmp' subdirectory until they are complete.";

  public static final String DIRECTORY_CONFIG = "directory";
  public static final String DIRECTORY_DOC =
      "Alias of '" + FILE_DIR_CONFIG + "'; used when '" + FILE_DIR_CONFIG + "' is not set.";

  public static final String FORMAT_CONFIG = "format";
  public static final String FORMAT_DOC =
      "File format: 'json' (one JSON value per line: structs and maps as objects, bytes as"
          + " base64), 'text' (the value's string form per line) or 'csv' (struct or map fields,"
          + " a header line per file; a record whose fields differ from the file's header starts"
          + " a new file) or 'avro' (Avro object container files, the schema converted from the"
          + " records' value schema; a record with another schema starts a new file).";
  public static final String FORMAT_DEFAULT = "json";

  public static final String COMPRESSION_CONFIG = "compression";
  public static final String COMPRESSION_DOC =
      "Compression of the files: 'none' or 'gzip' (the file name then ends with '.gz'). Avro"
          + " files compress their blocks instead: see '"
          + "avro.codec"
          + "'.";
  public static final String COMPRESSION_DEFAULT = "none";

  public static final String FLUSH_SIZE_CONFIG = "flush.size";
  public static final String FLUSH_SIZE_DOC =
      "Number of records after which a file is completed and a new one started.";
  public static final int FLUSH_SIZE_DEFAULT = 10_000;

  public static final String FILE_MAX_BYTES_CONFIG = "file.max.bytes";
  public static final String FILE_MAX_BYTES_DOC =
      "Size in bytes (as written to disk, after compression) after which a file is completed."
          + " Checked after each record, so a file may exceed it by one record and, with gzip,"
          + " by the data the compressor still buffers.";
  public static final long FILE_MAX_BYTES_DEFAULT = 128L * 1024 * 1024;

  public static final String ROTATE_INTERVAL_MS_CONFIG = "rotate.interval.ms";
  public static final String ROTATE_INTERVAL_MS_DOC =
      "Wall-clock time in milliseconds after which an open file is completed even if it is not"
          + " full, checked on every put and every offset commit, so no file stays open (and no"
          + " offset uncommitted) forever. -1 disables it.";
  public static final long ROTATE_INTERVAL_MS_DEFAULT = 600_000L;

  public static final String BEHAVIOR_ON_NULL_VALUES_CONFIG = "behavior.on.null.values";
  public static final String BEHAVIOR_ON_NULL_VALUES_DOC =
      "What to do with a record whose value is null (a tombstone): 'ignore' skips it, 'fail'"
          + " fails the task.";
  public static final String BEHAVIOR_ON_NULL_VALUES_DEFAULT = "ignore";

  public static final String AVRO_CODEC_CONFIG = "avro.codec";
  public static final String AVRO_CODEC_DOC =
      "Block compression of Avro files (format=avro): 'null' (none) or 'deflate'.";
  public static final String AVRO_CODEC_DEFAULT = "null";

  public static final String AVRO_DEFLATE_LEVEL_CONFIG = "avro.deflate.level";
  public static final String AVRO_DEFLATE_LEVEL_DOC =
      "Deflate level (1 fastest to 9 smallest) of Avro files when avro.codec=deflate.";
  public static final int AVRO_DEFLATE_LEVEL_DEFAULT = 6;

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              FILE_DIR_CONFIG,
              Type.STRING,
              null,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              FILE_DIR_DOC)
          .define(
              DIRECTORY_CONFIG,
              Type.STRING,
              null,
              new ConfigDef.NonEmptyString(),
              Importance.LOW,
              DIRECTORY_DOC)
          .define(
              FORMAT_CONFIG,
              Type.STRING,
              FORMAT_DEFAULT,
              ValidString.in(SinkFormat.names().toArray(new String[0])),
              Importance.HIGH,
              FORMAT_DOC)
          .define(
              COMPRESSION_CONFIG,
              Type.STRING,
              COMPRESSION_DEFAULT,
              ValidString.in("none", "gzip"),
              Importance.MEDIUM,
              COMPRESSION_DOC)
          .define(
              FLUSH_SIZE_CONFIG,
              Type.INT,
              FLUSH_SIZE_DEFAULT,
              ConfigDef.Range.atLeast(1),
              Importance.HIGH,
              FLUSH_SIZE_DOC)
          .define(
              FILE_MAX_BYTES_CONFIG,
              Type.LONG,
              FILE_MAX_BYTES_DEFAULT,
              ConfigDef.Range.atLeast(1),
              Importance.MEDIUM,
              FILE_MAX_BYTES_DOC)
          .define(
              ROTATE_INTERVAL_MS_CONFIG,
              Type.LONG,
              ROTATE_INTERVAL_MS_DEFAULT,
              (name, value) -> {
                long v = (Long) value;
                if (v != -1 && v < 1) {
                  throw new ConfigException(name, value, "must be at least 1, or -1 to disable");
                }
              },
              Importance.MEDIUM,
              ROTATE_INTERVAL_MS_DOC)
          .define(
              BEHAVIOR_ON_NULL_VALUES_CONFIG,
              Type.STRING,
              BEHAVIOR_ON_NULL_VALUES_DEFAULT,
              ValidString.in("ignore", "fail"),
              Importance.LOW,
              BEHAVIOR_ON_NULL_VALUES_DOC)
          .define(
              AVRO_CODEC_CONFIG,
              Type.STRING,
              AVRO_CODEC_DEFAULT,
              ValidString.in("null", "deflate"),
              Importance.LOW,
              AVRO_CODEC_DOC)
          .define(
              AVRO_DEFLATE_LEVEL_CONFIG,
              Type.INT,
              AVRO_DEFLATE_LEVEL_DEFAULT,
              ConfigDef.Range.between(1, 9),
              Importance.LOW,
              AVRO_DEFLATE_LEVEL_DOC);

  // Read for every record: looked up once rather than in the parsed map each time.
  private final int flushSize;
  private final long fileMaxBytes;
  private final long rotateIntervalMs;
  private final boolean failOnNullValues;

  /** Parses and checks {@code props}; throws {@link ConfigException} on any invalid value. */
  public FileSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, props, false);
    flushSize = getInt(FLUSH_SIZE_CONFIG);
    fileMaxBytes = getLong(FILE_MAX_BYTES_CONFIG);
    rotateIntervalMs = getLong(ROTATE_INTERVAL_MS_CONFIG);
    failOnNullValues = "fail".equals(getString(BEHAVIOR_ON_NULL_VALUES_CONFIG));
    for (ConfigProblem problem : crossKeyProblems(this)) {
      throw new ConfigException(problem.key(), problem.value(), problem.reason());
    }
  }

  /** Checks the combinations of keys that single-key validators cannot see. */
  static List<ConfigProblem> crossKeyProblems(AbstractConfig config) {
    List<ConfigProblem> problems = new ArrayList<>();
    if (config.getString(FILE_DIR_CONFIG) == null && config.getString(DIRECTORY_CONFIG) == null) {
      problems.add(
          new ConfigProblem(
              FILE_DIR_CONFIG,
              null,
              "the directory to write to is required: set '"
                  + FILE_DIR_CONFIG
                  + "' (or its alias '"
                  + DIRECTORY_CONFIG
                  + "')"));
    }
    if (SinkFormat.AVRO.configName().equals(config.getString(FORMAT_CONFIG))
        && "gzip".equals(config.getString(COMPRESSION_CONFIG))) {
      problems.add(
          new ConfigProblem(
              COMPRESSION_CONFIG,
              "gzip",
              "Avro files compress their blocks: with format=avro set compression=none and"
                  + " avro.codec=deflate"));
    }
    return problems;
  }

  public Path directory() {
    String dir = getString(FILE_DIR_CONFIG);
    return Path.of(dir != null ? dir : getString(DIRECTORY_CONFIG));
  }

  public SinkFormat format() {
    return SinkFormat.of(getString(FORMAT_CONFIG));
  }

  public boolean gzip() {
    return "gzip".equals(getString(COMPRESSION_CONFIG).toLowerCase(Locale.ROOT));
  }

  public int flushSize() {
    return flushSize;
  }

  public long fileMaxBytes() {
    return fileMaxBytes;
  }

  /** The rotation interval in milliseconds, or -1 when disabled. */
  public long rotateIntervalMs() {
    return rotateIntervalMs;
  }

  public CodecFactory avroCodec() {
    return "deflate".equals(getString(AVRO_CODEC_CONFIG))
        ? CodecFactory.deflateCodec(getInt(AVRO_DEFLATE_LEVEL_CONFIG))
        : CodecFactory.nullCodec();
  }

  public boolean failOnNullValues() {
    return failOnNullValues;
  }
}
