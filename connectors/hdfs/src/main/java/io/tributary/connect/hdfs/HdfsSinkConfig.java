package io.tributary.connect.hdfs;

import io.tributary.connect.hdfs.format.Formats;
import io.tributary.connect.hdfs.partition.Partitioners;
import io.tributary.connect.hdfs.schema.SchemaCompatibility;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The HDFS sink's settings, each declared once in {@link #CONFIG_DEF} with Confluent's HDFS
 * connector's key names where the concept is the same; the format, partitioner and schema keys come
 * from {@link Formats}, {@link Partitioners} and {@link SchemaCompatibility}. Immutable after
 * construction; construction fails with a {@link ConfigException} naming the key, the value and the
 * fix when a value or a combination of values is invalid.
 */
public final class HdfsSinkConfig extends AbstractConfig {
  public static final String HDFS_URL_CONFIG = "hdfs.url";
  static final String HDFS_URL_DOC =
      "The Hadoop file system URI files are written to, e.g. 'hdfs://namenode:8020' or"
          + " 'file:///data/warehouse' (no cluster needed). Either this or '"
          + "store.url"
          + "' is required.";

  public static final String STORE_URL_CONFIG = "store.url";
  static final String STORE_URL_DOC = "Alias of '" + HDFS_URL_CONFIG + "' (used when it is unset).";

  public static final String TOPICS_DIR_CONFIG = "topics.dir";
  static final String TOPICS_DIR_DOC =
      "Directory (under the URL) holding one directory per topic with the committed files;"
          + " files being written live under its '+tmp' subdirectory.";
  public static final String TOPICS_DIR_DEFAULT = "topics";

  public static final String LOGS_DIR_CONFIG = "logs.dir";
  static final String LOGS_DIR_DOC =
      "Directory (under the URL) where the sink keeps its commit intents: the list of renames"
          + " of a commit that spans several files, replayed on recovery.";
  public static final String LOGS_DIR_DEFAULT = "logs";

  public static final String FLUSH_SIZE_CONFIG = "flush.size";
  static final String FLUSH_SIZE_DOC =
      "Number of records of a topic partition after which its open files are committed.";

  public static final String ROTATE_INTERVAL_MS_CONFIG = "rotate.interval.ms";
  static final String ROTATE_INTERVAL_MS_DOC =
      "Record-time span in milliseconds of a topic partition's open files: a record whose"
          + " timestamp is this much later than the first record's commits the open files"
          + " first. -1 disables it.";

  public static final String ROTATE_SCHEDULE_INTERVAL_MS_CONFIG = "rotate.schedule.interval.ms";
  static final String ROTATE_SCHEDULE_INTERVAL_MS_DOC =
      "Wall-clock interval in milliseconds: open files are committed at the next multiple of"
          + " it (since the epoch, UTC) after they were opened, checked on every put and offset"
          + " commit even when no record arrives, so no file stays open forever. -1 disables"
          + " it.";

  public static final String FILE_MAX_BYTES_CONFIG = "file.max.bytes";
  static final String FILE_MAX_BYTES_DOC =
      "Size in bytes a file may reach before the open files of its topic partition are"
          + " committed (checked after each record). -1 disables it.";

  public static final String PAD_WIDTH_CONFIG = "filename.offset.zero.pad.width";
  static final String PAD_WIDTH_DOC =
      "Digits of the offsets in committed file names, padded with zeros so names sort by"
          + " offset.";

  public static final String HADOOP_CONF_DIR_CONFIG = "hadoop.conf.dir";
  static final String HADOOP_CONF_DIR_DOC =
      "Directory holding core-site.xml and hdfs-site.xml, loaded into the Hadoop"
          + " configuration. Empty: Hadoop's defaults.";

  public static final String HADOOP_HOME_CONFIG = "hadoop.home";
  static final String HADOOP_HOME_DOC =
      "Hadoop's home directory (sets 'hadoop.home.dir'); only needed for native libraries.";

  public static final String KERBEROS_CONFIG = "hdfs.authentication.kerberos";
  static final String KERBEROS_DOC =
      "Log in to HDFS with Kerberos, as '"
          + "connect.hdfs.principal"
          + "' with the keytab '"
          + "connect.hdfs.keytab"
          + "'.";

  public static final String PRINCIPAL_CONFIG = "connect.hdfs.principal";
  static final String PRINCIPAL_DOC = "The Kerberos principal the sink logs in as.";

  public static final String KEYTAB_CONFIG = "connect.hdfs.keytab";
  static final String KEYTAB_DOC = "Path of the keytab file of '" + PRINCIPAL_CONFIG + "'.";

  public static final String NAMENODE_PRINCIPAL_CONFIG = "hdfs.namenode.principal";
  static final String NAMENODE_PRINCIPAL_DOC =
      "The NameNode's Kerberos principal (sets 'dfs.namenode.kerberos.principal').";

  public static final String TICKET_RENEW_CONFIG = "kerberos.ticket.renew.period.ms";
  static final String TICKET_RENEW_DOC =
      "How often the sink checks its Kerberos ticket and logs in again from the keytab.";

  public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
  static final String RETRY_BACKOFF_MS_DOC =
      "Wait in milliseconds between attempts to reach the file system after a failure; the"
          + " topic partition is paused meanwhile.";

  public static final String RETRY_TIMEOUT_MS_CONFIG = "retry.timeout.ms";
  static final String RETRY_TIMEOUT_MS_DOC =
      "How long in milliseconds the sink keeps retrying an unreachable file system before the"
          + " task fails, naming '"
          + HDFS_URL_CONFIG
          + "'.";

  public static final String BEHAVIOR_ON_NULL_VALUES_CONFIG = "behavior.on.null.values";
  static final String BEHAVIOR_ON_NULL_VALUES_DOC =
      "What to do with a record whose value is null (a tombstone): 'ignore' skips it, 'fail'"
          + " fails the task.";

  public static final ConfigDef CONFIG_DEF = configDef();

  public HdfsSinkConfig(Map<String, String> props) {
    super(CONFIG_DEF, props, false);
    List<ConfigProblem> problems = crossKeyProblems(this);
    if (!problems.isEmpty()) {
      ConfigProblem first = problems.get(0);
      throw new ConfigException(first.key(), first.value(), first.reason());
    }
  }

  private static ConfigDef configDef() {
    ConfigDef def = new ConfigDef();
    String group = "HDFS";
    int order = 0;
    def.define(
        HDFS_URL_CONFIG,
        Type.STRING,
        null,
        Importance.HIGH,
        HDFS_URL_DOC,
        group,
        ++order,
        ConfigDef.Width.LONG,
        "HDFS URL");
    def.define(
        STORE_URL_CONFIG,
        Type.STRING,
        null,
        Importance.LOW,
        STORE_URL_DOC,
        group,
        ++order,
        ConfigDef.Width.LONG,
        "Store URL");
    def.define(
        TOPICS_DIR_CONFIG,
        Type.STRING,
        TOPICS_DIR_DEFAULT,
        new ConfigValidators.NonBlank(),
        Importance.HIGH,
        TOPICS_DIR_DOC,
        group,
        ++order,
        ConfigDef.Width.MEDIUM,
        "Topics directory");
    def.define(
        LOGS_DIR_CONFIG,
        Type.STRING,
        LOGS_DIR_DEFAULT,
        new ConfigValidators.NonBlank(),
        Importance.LOW,
        LOGS_DIR_DOC,
        group,
        ++order,
        ConfigDef.Width.MEDIUM,
        "Logs directory");
    def.define(
        HADOOP_CONF_DIR_CONFIG,
        Type.STRING,
        "",
        Importance.MEDIUM,
        HADOOP_CONF_DIR_DOC,
        group,
        ++order,
        ConfigDef.Width.MEDIUM,
        "Hadoop configuration directory");
    def.define(
        HADOOP_HOME_CONFIG,
        Type.STRING,
        "",
        Importance.LOW,
        HADOOP_HOME_DOC,
        group,
        ++order,
        ConfigDef.Width.MEDIUM,
        "Hadoop home");
    def.define(
        RETRY_BACKOFF_MS_CONFIG,
        Type.LONG,
        5_000L,
        ConfigDef.Range.atLeast(1),
        Importance.LOW,
        RETRY_BACKOFF_MS_DOC,
        group,
        ++order,
        ConfigDef.Width.SHORT,
        "Retry backoff (ms)");
    def.define(
        RETRY_TIMEOUT_MS_CONFIG,
        Type.LONG,
        300_000L,
        ConfigDef.Range.atLeast(0),
        Importance.LOW,
        RETRY_TIMEOUT_MS_DOC,
        group,
        ++order,
        ConfigDef.Width.SHORT,
        "Retry timeout (ms)");

    group = "Security";
    order = 0;
    def.define(
        KERBEROS_CONFIG,
        Type.BOOLEAN,
        false,
        Importance.HIGH,
        KERBEROS_DOC,
        group,
        ++order,
        ConfigDef.Width.SHORT,
        "Kerberos");
    def.define(
        PRINCIPAL_CONFIG,
        Type.STRING,
        "",
        Importance.HIGH,
        PRINCIPAL_DOC,
        group,
        ++order,
        ConfigDef.Width.MEDIUM,
        "Principal");
    def.define(
        KEYTAB_CONFIG,
        Type.STRING,
        "",
        Importance.HIGH,
        KEYTAB_DOC,
        group,
        ++order,
        ConfigDef.Width.MEDIUM,
        "Keytab");
    def.define(
        NAMENODE_PRINCIPAL_CONFIG,
        Type.STRING,
        "",
        Importance.HIGH,
        NAMENODE_PRINCIPAL_DOC,
        group,
        ++order,
        ConfigDef.Width.MEDIUM,
        "NameNode principal");
    def.define(
        TICKET_RENEW_CONFIG,
        Type.LONG,
        3_600_000L,
        ConfigDef.Range.atLeast(1),
        Importance.LOW,
        TICKET_RENEW_DOC,
        group,
        ++order,
        ConfigDef.Width.SHORT,
        "Ticket renew period (ms)");

    group = "Rotation";
    order = 0;
    def.define(
        FLUSH_SIZE_CONFIG,
        Type.INT,
        ConfigDef.NO_DEFAULT_VALUE,
        ConfigDef.Range.atLeast(1),
        Importance.HIGH,
        FLUSH_SIZE_DOC,
        group,
        ++order,
        ConfigDef.Width.SHORT,
        "Flush size");
    def.define(
        ROTATE_INTERVAL_MS_CONFIG,
        Type.LONG,
        -1L,
        new ConfigValidators.DisabledOrPositive(),
        Importance.MEDIUM,
        ROTATE_INTERVAL_MS_DOC,
        group,
        ++order,
        ConfigDef.Width.SHORT,
        "Rotate interval (ms)");
    def.define(
        ROTATE_SCHEDULE_INTERVAL_MS_CONFIG,
        Type.LONG,
        -1L,
        new ConfigValidators.DisabledOrPositive(),
        Importance.MEDIUM,
        ROTATE_SCHEDULE_INTERVAL_MS_DOC,
        group,
        ++order,
        ConfigDef.Width.SHORT,
        "Rotate schedule interval (ms)");
    def.define(
        FILE_MAX_BYTES_CONFIG,
        Type.LONG,
        -1L,
        new ConfigValidators.DisabledOrPositive(),
        Importance.MEDIUM,
        FILE_MAX_BYTES_DOC,
        group,
        ++order,
        ConfigDef.Width.SHORT,
        "File max bytes");
    def.define(
        PAD_WIDTH_CONFIG,
        Type.INT,
        10,
        ConfigDef.Range.between(1, 19),
        Importance.LOW,
        PAD_WIDTH_DOC,
        group,
        ++order,
        ConfigDef.Width.SHORT,
        "Offset pad width");
    def.define(
        BEHAVIOR_ON_NULL_VALUES_CONFIG,
        Type.STRING,
        "ignore",
        ConfigDef.ValidString.in("ignore", "fail"),
        Importance.LOW,
        BEHAVIOR_ON_NULL_VALUES_DOC,
        group,
        ++order,
        ConfigDef.Width.SHORT,
        "Behavior on null values");

    def.define(
        SchemaCompatibility.CONFIG,
        Type.STRING,
        SchemaCompatibility.NONE.name(),
        new ConfigValidators.SchemaCompatibilityValidator(),
        Importance.MEDIUM,
        "What happens when a record's value schema differs from the open file's: NONE commits"
            + " the open files and starts new ones on any change; BACKWARD, FORWARD and FULL"
            + " project records to the newest compatible schema and start new files only when"
            + " the schema moves forward (see docs/hdfs-sink.md).",
        "Schema",
        1,
        ConfigDef.Width.SHORT,
        "Schema compatibility");
    Formats.define(def);
    Partitioners.define(def);
    return def;
  }

  /** Problems between keys whose values are each valid on their own. */
  static List<ConfigProblem> crossKeyProblems(AbstractConfig config) {
    List<ConfigProblem> problems = new ArrayList<>();
    String url = url(config);
    if (url == null) {
      problems.add(
          new ConfigProblem(
              HDFS_URL_CONFIG,
              null,
              "set it to the file system URI to write to, e.g. hdfs://namenode:8020 or"
                  + " file:///data/warehouse"));
    } else if (!url.contains(":")) {
      problems.add(
          new ConfigProblem(
              urlKey(config),
              url,
              "not a URI with a scheme; write hdfs://<namenode>:<port> or file:///<path>"));
    }
    String confDir = config.getString(HADOOP_CONF_DIR_CONFIG);
    if (!confDir.isEmpty() && !new File(confDir).isDirectory()) {
      problems.add(
          new ConfigProblem(
              HADOOP_CONF_DIR_CONFIG,
              confDir,
              "not a directory; point it at the directory holding core-site.xml and"
                  + " hdfs-site.xml, or leave it empty"));
    }
    if (config.getBoolean(KERBEROS_CONFIG)) {
      if (config.getString(PRINCIPAL_CONFIG).isBlank()) {
        problems.add(
            new ConfigProblem(
                PRINCIPAL_CONFIG,
                "",
                KERBEROS_CONFIG
                    + "=true needs the principal to log in as, e.g. connect@EXAMPLE.COM"));
      }
      String keytab = config.getString(KEYTAB_CONFIG);
      if (keytab.isBlank()) {
        problems.add(
            new ConfigProblem(
                KEYTAB_CONFIG,
                "",
                KERBEROS_CONFIG + "=true needs the path of the principal's keytab"));
      } else if (!new File(keytab).canRead()) {
        problems.add(
            new ConfigProblem(
                KEYTAB_CONFIG,
                keytab,
                "no readable keytab file there; check the path and the worker's read permission"));
      }
      if (config.getString(NAMENODE_PRINCIPAL_CONFIG).isBlank()) {
        problems.add(
            new ConfigProblem(
                NAMENODE_PRINCIPAL_CONFIG,
                "",
                KERBEROS_CONFIG
                    + "=true needs the NameNode's principal, e.g. nn/_HOST@EXAMPLE.COM"));
      }
    }
    UNSUPPORTED_CONFLUENT_KEYS.forEach(
        (key, inert) -> {
          Object value = config.originals().get(key);
          if (value != null && !inert.equalsIgnoreCase(value.toString().strip())) {
            problems.add(
                new ConfigProblem(
                    key,
                    value,
                    "Confluent's "
                        + key
                        + " is not supported by Tributary's HDFS sink; remove it rather than have"
                        + " it silently ignored (see docs/hdfs-sink.md)"));
          }
        });
    // The partitioner and format are built here too, so their own cross-key rules (a time-based
    // partitioner without timezone, ...) fail validation instead of the task's start.
    try {
      Partitioners.create(config);
    } catch (ConfigException e) {
      problems.add(
          new ConfigProblem(
              Partitioners.PARTITIONER_CLASS_CONFIG,
              config
                  .originals()
                  .getOrDefault(
                      Partitioners.PARTITIONER_CLASS_CONFIG,
                      Partitioners.PARTITIONER_CLASS_DEFAULT),
              "the partitioner cannot be built: " + e.getMessage()));
    }
    try {
      Formats.create(config);
    } catch (ConfigException e) {
      problems.add(
          new ConfigProblem(
              Formats.FORMAT_CONFIG,
              config.originals().getOrDefault(Formats.FORMAT_CONFIG, Formats.FORMAT_DEFAULT),
              "the format cannot be built: " + e.getMessage()));
    }
    return problems;
  }

  /**
   * Keys of Confluent's HDFS connector this sink does not implement, with the value that asks for
   * nothing (null: any value is a request): a config that asks for one is rejected rather than run
   * without it.
   */
  static final Map<String, String> UNSUPPORTED_CONFLUENT_KEYS =
      Map.of(
          "hive.integration", "false",
          "storage.class", "io.confluent.connect.hdfs.storage.HdfsStorage",
          "topic.capture.groups.regex", "");

  private static String url(AbstractConfig config) {
    String url = config.getString(HDFS_URL_CONFIG);
    if (url == null || url.isBlank()) {
      url = config.getString(STORE_URL_CONFIG);
    }
    return url == null || url.isBlank() ? null : url.strip();
  }

  private static String urlKey(AbstractConfig config) {
    String url = config.getString(HDFS_URL_CONFIG);
    return url == null || url.isBlank() ? STORE_URL_CONFIG : HDFS_URL_CONFIG;
  }

  /** The file system URI ({@code hdfs.url}, else {@code store.url}). */
  public String url() {
    return url(this);
  }

  SchemaCompatibility schemaCompatibility() {
    return SchemaCompatibility.valueOf(
        getString(SchemaCompatibility.CONFIG).strip().toUpperCase(Locale.ROOT));
  }

  WriterSettings writerSettings() {
    return new WriterSettings(
        getString(TOPICS_DIR_CONFIG),
        getString(LOGS_DIR_CONFIG),
        getInt(FLUSH_SIZE_CONFIG),
        getLong(ROTATE_INTERVAL_MS_CONFIG),
        getLong(ROTATE_SCHEDULE_INTERVAL_MS_CONFIG),
        getLong(FILE_MAX_BYTES_CONFIG),
        getInt(PAD_WIDTH_CONFIG),
        "fail".equals(getString(BEHAVIOR_ON_NULL_VALUES_CONFIG)));
  }

  long retryBackoffMs() {
    return getLong(RETRY_BACKOFF_MS_CONFIG);
  }

  long retryTimeoutMs() {
    return getLong(RETRY_TIMEOUT_MS_CONFIG);
  }
}
