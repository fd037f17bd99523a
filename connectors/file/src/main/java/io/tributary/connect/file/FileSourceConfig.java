package io.tributary.connect.file;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of {@link FileSourceConnector} and its tasks: every key, its documentation, type,
 * default and validator. Immutable and thread-safe once built.
 */
public final class FileSourceConfig extends AbstractConfig {

  public static final String FILE_PATTERNS_CONFIG = "file.patterns";
  private static final String FILE_PATTERNS_DOC =
      "Comma-separated absolute glob patterns (java.nio PathMatcher 'glob:' syntax) of the files to"
          + " tail, e.g. /var/log/app/*.log,/data/**/*.json. '**' crosses directories; '*' does"
          + " not.";

  public static final String FILE_SCAN_INTERVAL_MS_CONFIG = "file.scan.interval.ms";
  private static final String FILE_SCAN_INTERVAL_MS_DOC =
      "How often each task re-scans the patterns for new, rotated, truncated or deleted files.";
  public static final long FILE_SCAN_INTERVAL_MS_DEFAULT = 1000L;

  public static final String TOPIC_CONFIG = "topic";
  private static final String TOPIC_DOC =
      "Topic the records go to, unless file.pattern.topics names a topic for the pattern.";

  public static final String FILE_PATTERN_TOPICS_CONFIG = "file.pattern.topics";
  private static final String FILE_PATTERN_TOPICS_DOC =
      "Optional topic per pattern: a list as long as file.patterns, the n-th topic for files"
          + " matched by the n-th pattern (the first matching pattern wins). Empty: every file"
          + " goes to 'topic'.";

  public static final String FINGERPRINT_BYTES_CONFIG = "file.fingerprint.bytes";
  private static final String FINGERPRINT_BYTES_DOC =
      "Number of leading bytes of a file whose CRC32 (with the file key / inode) identifies it, so"
          + " a reused inode or a file rewritten in place is read from its start.";
  public static final int FINGERPRINT_BYTES_DEFAULT = 256;

  public static final String BATCH_SIZE_CONFIG = "batch.size";
  private static final String BATCH_SIZE_DOC = "Maximum number of records one poll returns.";
  public static final int BATCH_SIZE_DEFAULT = 2000;

  public static final String BUFFER_SIZE_CONFIG = "buffer.size.bytes";
  private static final String BUFFER_SIZE_DOC =
      "Size of the read buffer of each open file; lines longer than it are assembled across"
          + " reads.";
  public static final int BUFFER_SIZE_DEFAULT = 64 * 1024;

  public static final String MAX_LINE_BYTES_CONFIG = "max.line.bytes";
  private static final String MAX_LINE_BYTES_DOC =
      "Longest line kept in memory: a line without newline longer than this is emitted in pieces"
          + " of this many bytes (each counted as a line), so memory stays bounded.";
  public static final int MAX_LINE_BYTES_DEFAULT = 1 << 20;

  public static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
  private static final String POLL_INTERVAL_MS_DOC =
      "How long a poll waits before returning nothing when no file has new data.";
  public static final long POLL_INTERVAL_MS_DEFAULT = 100L;

  public static final String CHARSET_CONFIG = "charset";
  private static final String CHARSET_DOC =
      "Character set of the files. Lines are split on the byte '\\n', so the charset must encode"
          + " ASCII as single bytes (UTF-8, ISO-8859-*, windows-125x, US-ASCII; not UTF-16/32).";
  public static final String CHARSET_DEFAULT = "UTF-8";

  public static final String FORMAT_CONFIG = "format";
  private static final String FORMAT_DOC =
      "raw: each line (or multi-line event) is a STRING value. json: each line is a JSON value"
          + " (see json.schema). csv: the first line of each file is the header, each further line a"
          + " struct of optional strings named by the header.";
  public static final String FORMAT_DEFAULT = "raw";

  public static final String JSON_SCHEMA_CONFIG = "json.schema";
  private static final String JSON_SCHEMA_DOC =
      "format=json: 'none' emits schemaless values (maps, lists, primitives; for converters with"
          + " schemas disabled); 'infer' emits each JSON object line as a struct whose schema is"
          + " inferred from that line (optional fields; integers INT64, other numbers FLOAT64); a"
          + " JSON object declares the value schema in Kafka Connect's JSON schema format (as"
          + " JsonConverter writes it, e.g. {\"type\": \"struct\", \"fields\": [{\"field\":"
          + " \"id\", \"type\": \"int64\", \"optional\": false}]}) and each line is read as"
          + " its payload; a line that does not fit fails with its file and line.";
  public static final String JSON_SCHEMA_DEFAULT = "none";

  public static final String MULTILINE_PATTERN_CONFIG = "multiline.pattern";
  private static final String MULTILINE_PATTERN_DOC =
      "Regex (java.util.regex, found anywhere in the line: anchor it with ^) that starts a new"
          + " event; lines that do not match are appended to the current event with '\\n' (e.g."
          + " Java stack traces). Empty: every line is an event. Only with format=raw.";

  public static final String MULTILINE_TIMEOUT_MS_CONFIG = "multiline.timeout.ms";
  private static final String MULTILINE_TIMEOUT_MS_DOC =
      "A pending multi-line event is emitted when the next start line arrives or when no line was"
          + " appended to it for this long.";
  public static final long MULTILINE_TIMEOUT_MS_DEFAULT = 1000L;

  public static final String SOURCE_METADATA_CONFIG = "source.metadata";
  private static final String SOURCE_METADATA_DOC =
      "Where each record carries its source (host name, file path, byte offset and number of the"
          + " event's first line): 'headers' (source.host, source.file, source.offset,"
          + " source.line), 'fields' (source_host, source_file, source_offset, source_line added"
          + " to the value; a raw line becomes a struct with a 'message' field), or 'none'.";
  public static final String SOURCE_METADATA_DEFAULT = "headers";

  public static final String KEY_FIELD_CONFIG = "key.field";
  private static final String KEY_FIELD_DOC =
      "format=json or csv: the top-level field whose value (as a string) is the record key."
          + " Records without it have a null key.";

  public static final String KEY_PATTERN_CONFIG = "key.pattern";
  private static final String KEY_PATTERN_DOC =
      "Regex whose first capturing group, found in the event text, is the record key (a STRING);"
          + " no match gives a null key. Exclusive with key.field.";

  public static final String MODE_CONFIG = "mode";
  private static final String MODE_DOC =
      "tail: follow the files matched by file.patterns as they grow and rotate. spool: read each"
          + " whole file of spool.dir once, then move it to spool.finished.dir (or, on a malformed"
          + " line with errors.tolerance=none, to spool.error.dir).";
  public static final String MODE_DEFAULT = "tail";

  public static final String SPOOL_DIR_CONFIG = "spool.dir";
  private static final String SPOOL_DIR_DOC =
      "mode=spool: the absolute directory to read files from.";

  public static final String SPOOL_FILE_PATTERN_CONFIG = "spool.file.pattern";
  private static final String SPOOL_FILE_PATTERN_DOC =
      "mode=spool: glob of the file names to read in spool.dir (sub-directories are not read).";
  public static final String SPOOL_FILE_PATTERN_DEFAULT = "*";

  public static final String SPOOL_FINISHED_DIR_CONFIG = "spool.finished.dir";
  private static final String SPOOL_FINISHED_DIR_DOC =
      "mode=spool: where a file moves once all its records were written to Kafka.";

  public static final String SPOOL_ERROR_DIR_CONFIG = "spool.error.dir";
  private static final String SPOOL_ERROR_DIR_DOC =
      "mode=spool: where a file with a malformed line moves (errors.tolerance=none; the task then"
          + " fails naming the file and line).";

  public static final String SPOOL_MIN_FILE_AGE_MS_CONFIG = "spool.min.file.age.ms";
  private static final String SPOOL_MIN_FILE_AGE_MS_DOC =
      "mode=spool: a file is read only once it was not modified for this long (still being"
          + " written otherwise).";
  public static final long SPOOL_MIN_FILE_AGE_MS_DEFAULT = 5000L;

  public static final String SPOOL_SORT_CONFIG = "spool.sort";
  private static final String SPOOL_SORT_DOC =
      "mode=spool: order in which files are read: 'name' (lexicographic) or 'mtime' (oldest"
          + " first).";
  public static final String SPOOL_SORT_DEFAULT = "name";

  /** The framework's key, read (not declared) to decide what a malformed JSON or CSV line does. */
  public static final String ERRORS_TOLERANCE_CONFIG = "errors.tolerance";

  /** Set by the connector in each task's config: this task's index and the number of tasks. */
  public static final String TASK_INDEX_CONFIG = "task.index";

  public static final String TASK_COUNT_CONFIG = "task.count";

  /** Record formats. */
  public enum Format {
    RAW,
    JSON,
    CSV
  }

  /** Tailing files or reading a spool directory. */
  public enum Mode {
    TAIL,
    SPOOL
  }

  /** Where a record's source metadata goes. */
  public enum SourceMetadata {
    HEADERS,
    FIELDS,
    NONE
  }

  public static final ConfigDef CONFIG_DEF = configDef();

  /** A cross-key problem: the key to blame, its value and why it is wrong. */
  public FileSourceConfig(Map<String, String> props) {
    this(props, true);
  }

  private FileSourceConfig(Map<String, String> props, boolean check) {
    super(CONFIG_DEF, props, false);
    List<ConfigProblem> problems = problems();
    if (check && !problems.isEmpty()) {
      ConfigProblem problem = problems.get(0);
      throw new ConfigException(problem.key(), problem.value(), problem.reason());
    }
  }

  /** Problems between keys of valid values (ConfigException if a value itself is invalid). */
  static List<ConfigProblem> problemsOf(Map<String, String> props) {
    return new FileSourceConfig(props, false).problems();
  }

  private List<ConfigProblem> problems() {
    List<ConfigProblem> problems = new java.util.ArrayList<>();
    List<String> topics = getList(FILE_PATTERN_TOPICS_CONFIG);
    if (!topics.isEmpty() && topics.size() != patterns().size()) {
      problems.add(
          new ConfigProblem(
              FILE_PATTERN_TOPICS_CONFIG,
              topics,
              "must be empty or have one topic per entry of "
                  + FILE_PATTERNS_CONFIG
                  + " ("
                  + patterns().size()
                  + ")"));
    }
    if (mode() == Mode.TAIL && patterns().isEmpty()) {
      problems.add(
          new ConfigProblem(
              FILE_PATTERNS_CONFIG, patterns(), "must list at least one glob with mode=tail"));
    }
    if (mode() == Mode.SPOOL) {
      for (String key :
          List.of(SPOOL_DIR_CONFIG, SPOOL_FINISHED_DIR_CONFIG, SPOOL_ERROR_DIR_CONFIG)) {
        String dir = getString(key);
        if (dir == null || !Path.of(dir).isAbsolute()) {
          problems.add(
              new ConfigProblem(key, dir, "must be an absolute directory with mode=spool"));
        }
      }
      String spool = getString(SPOOL_DIR_CONFIG);
      for (String key : List.of(SPOOL_FINISHED_DIR_CONFIG, SPOOL_ERROR_DIR_CONFIG)) {
        if (spool != null && spool.equals(getString(key))) {
          problems.add(
              new ConfigProblem(key, getString(key), "must differ from " + SPOOL_DIR_CONFIG));
        }
      }
    }
    String keyField = getString(KEY_FIELD_CONFIG);
    if (keyField != null && getString(KEY_PATTERN_CONFIG) != null) {
      problems.add(
          new ConfigProblem(
              KEY_PATTERN_CONFIG,
              getString(KEY_PATTERN_CONFIG),
              "cannot be set together with " + KEY_FIELD_CONFIG));
    }
    if (keyField != null && format() == Format.RAW) {
      problems.add(
          new ConfigProblem(KEY_FIELD_CONFIG, keyField, "needs format=json or format=csv"));
    }
    if (multilinePattern() != null && format() != Format.RAW) {
      problems.add(
          new ConfigProblem(
              MULTILINE_PATTERN_CONFIG, getString(MULTILINE_PATTERN_CONFIG), "needs format=raw"));
    }
    return problems;
  }

  /** The glob patterns to scan: file.patterns, or with mode=spool the spool directory's files. */
  public List<String> patterns() {
    if (mode() == Mode.SPOOL && getString(SPOOL_DIR_CONFIG) != null) {
      return List.of(
          Path.of(getString(SPOOL_DIR_CONFIG))
              .resolve(getString(SPOOL_FILE_PATTERN_CONFIG))
              .toString());
    }
    return getList(FILE_PATTERNS_CONFIG);
  }

  public Mode mode() {
    return Mode.valueOf(getString(MODE_CONFIG).toUpperCase(Locale.ROOT));
  }

  public Path spoolFinishedDir() {
    return Path.of(getString(SPOOL_FINISHED_DIR_CONFIG));
  }

  public Path spoolErrorDir() {
    return Path.of(getString(SPOOL_ERROR_DIR_CONFIG));
  }

  public long spoolMinFileAgeMs() {
    return getLong(SPOOL_MIN_FILE_AGE_MS_CONFIG);
  }

  public boolean spoolSortByMtime() {
    return "mtime".equalsIgnoreCase(getString(SPOOL_SORT_CONFIG));
  }

  /** The topic for files matched by the pattern at {@code patternIndex}. */
  public String topicFor(int patternIndex) {
    List<String> topics = getList(FILE_PATTERN_TOPICS_CONFIG);
    return topics.isEmpty() ? getString(TOPIC_CONFIG) : topics.get(patternIndex);
  }

  public long scanIntervalMs() {
    return getLong(FILE_SCAN_INTERVAL_MS_CONFIG);
  }

  public int fingerprintBytes() {
    return getInt(FINGERPRINT_BYTES_CONFIG);
  }

  public int batchSize() {
    return getInt(BATCH_SIZE_CONFIG);
  }

  public int bufferSize() {
    return getInt(BUFFER_SIZE_CONFIG);
  }

  public int maxLineBytes() {
    return getInt(MAX_LINE_BYTES_CONFIG);
  }

  public long pollIntervalMs() {
    return getLong(POLL_INTERVAL_MS_CONFIG);
  }

  public Charset charset() {
    return Charset.forName(getString(CHARSET_CONFIG));
  }

  public Format format() {
    return Format.valueOf(getString(FORMAT_CONFIG).toUpperCase(Locale.ROOT));
  }

  private static void validateJsonSchema(String name, Object value) {
    String text = value == null ? "" : value.toString();
    if (DeclaredJsonSchema.isDeclared(text)) {
      DeclaredJsonSchema.parse(text, new com.fasterxml.jackson.databind.ObjectMapper());
    } else if (!text.equalsIgnoreCase("none") && !text.equalsIgnoreCase("infer")) {
      throw new ConfigException(
          name, value, "must be none, infer, or a JSON object declaring the value schema");
    }
  }

  public boolean inferJsonSchema() {
    return "infer".equalsIgnoreCase(getString(JSON_SCHEMA_CONFIG));
  }

  public Pattern multilinePattern() {
    String regex = getString(MULTILINE_PATTERN_CONFIG);
    return regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
  }

  public long multilineTimeoutMs() {
    return getLong(MULTILINE_TIMEOUT_MS_CONFIG);
  }

  public SourceMetadata sourceMetadata() {
    return SourceMetadata.valueOf(getString(SOURCE_METADATA_CONFIG).toUpperCase(Locale.ROOT));
  }

  public String keyField() {
    return getString(KEY_FIELD_CONFIG);
  }

  public Pattern keyPattern() {
    String regex = getString(KEY_PATTERN_CONFIG);
    return regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
  }

  /**
   * True when {@code errors.tolerance=all}: malformed lines are logged with file and line, skipped.
   */
  public boolean toleratesParseErrors() {
    Object value = originals().get(ERRORS_TOLERANCE_CONFIG);
    return value != null && "all".equalsIgnoreCase(value.toString().trim());
  }

  private static ConfigDef configDef() {
    return new ConfigDef()
        .define(
            FILE_PATTERNS_CONFIG,
            Type.LIST,
            List.of(),
            FileSourceConfig::validatePatterns,
            Importance.HIGH,
            FILE_PATTERNS_DOC)
        .define(
            TOPIC_CONFIG,
            Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            TOPIC_DOC)
        .define(
            FILE_PATTERN_TOPICS_CONFIG,
            Type.LIST,
            List.of(),
            Importance.MEDIUM,
            FILE_PATTERN_TOPICS_DOC)
        .define(
            FORMAT_CONFIG,
            Type.STRING,
            FORMAT_DEFAULT,
            ConfigDef.CaseInsensitiveValidString.in("raw", "json", "csv"),
            Importance.HIGH,
            FORMAT_DOC)
        .define(
            FILE_SCAN_INTERVAL_MS_CONFIG,
            Type.LONG,
            FILE_SCAN_INTERVAL_MS_DEFAULT,
            ConfigDef.Range.atLeast(10L),
            Importance.MEDIUM,
            FILE_SCAN_INTERVAL_MS_DOC)
        .define(
            FINGERPRINT_BYTES_CONFIG,
            Type.INT,
            FINGERPRINT_BYTES_DEFAULT,
            ConfigDef.Range.between(1, 1 << 20),
            Importance.LOW,
            FINGERPRINT_BYTES_DOC)
        .define(
            BATCH_SIZE_CONFIG,
            Type.INT,
            BATCH_SIZE_DEFAULT,
            ConfigDef.Range.atLeast(1),
            Importance.MEDIUM,
            BATCH_SIZE_DOC)
        .define(
            BUFFER_SIZE_CONFIG,
            Type.INT,
            BUFFER_SIZE_DEFAULT,
            ConfigDef.Range.between(16, 64 << 20),
            Importance.LOW,
            BUFFER_SIZE_DOC)
        .define(
            MAX_LINE_BYTES_CONFIG,
            Type.INT,
            MAX_LINE_BYTES_DEFAULT,
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            MAX_LINE_BYTES_DOC)
        .define(
            POLL_INTERVAL_MS_CONFIG,
            Type.LONG,
            POLL_INTERVAL_MS_DEFAULT,
            ConfigDef.Range.between(1L, 60_000L),
            Importance.LOW,
            POLL_INTERVAL_MS_DOC)
        .define(
            CHARSET_CONFIG,
            Type.STRING,
            CHARSET_DEFAULT,
            FileSourceConfig::validateCharset,
            Importance.MEDIUM,
            CHARSET_DOC)
        .define(
            JSON_SCHEMA_CONFIG,
            Type.STRING,
            JSON_SCHEMA_DEFAULT,
            FileSourceConfig::validateJsonSchema,
            Importance.MEDIUM,
            JSON_SCHEMA_DOC)
        .define(
            MULTILINE_PATTERN_CONFIG,
            Type.STRING,
            null,
            FileSourceConfig::validateRegex,
            Importance.MEDIUM,
            MULTILINE_PATTERN_DOC)
        .define(
            MULTILINE_TIMEOUT_MS_CONFIG,
            Type.LONG,
            MULTILINE_TIMEOUT_MS_DEFAULT,
            ConfigDef.Range.atLeast(1L),
            Importance.LOW,
            MULTILINE_TIMEOUT_MS_DOC)
        .define(
            SOURCE_METADATA_CONFIG,
            Type.STRING,
            SOURCE_METADATA_DEFAULT,
            ConfigDef.CaseInsensitiveValidString.in("headers", "fields", "none"),
            Importance.MEDIUM,
            SOURCE_METADATA_DOC)
        .define(KEY_FIELD_CONFIG, Type.STRING, null, Importance.MEDIUM, KEY_FIELD_DOC)
        .define(
            KEY_PATTERN_CONFIG,
            Type.STRING,
            null,
            FileSourceConfig::validateRegex,
            Importance.MEDIUM,
            KEY_PATTERN_DOC)
        .define(
            MODE_CONFIG,
            Type.STRING,
            MODE_DEFAULT,
            ConfigDef.CaseInsensitiveValidString.in("tail", "spool"),
            Importance.HIGH,
            MODE_DOC)
        .define(SPOOL_DIR_CONFIG, Type.STRING, null, Importance.HIGH, SPOOL_DIR_DOC)
        .define(
            SPOOL_FILE_PATTERN_CONFIG,
            Type.STRING,
            SPOOL_FILE_PATTERN_DEFAULT,
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            SPOOL_FILE_PATTERN_DOC)
        .define(
            SPOOL_FINISHED_DIR_CONFIG, Type.STRING, null, Importance.HIGH, SPOOL_FINISHED_DIR_DOC)
        .define(SPOOL_ERROR_DIR_CONFIG, Type.STRING, null, Importance.HIGH, SPOOL_ERROR_DIR_DOC)
        .define(
            SPOOL_MIN_FILE_AGE_MS_CONFIG,
            Type.LONG,
            SPOOL_MIN_FILE_AGE_MS_DEFAULT,
            ConfigDef.Range.atLeast(0L),
            Importance.MEDIUM,
            SPOOL_MIN_FILE_AGE_MS_DOC)
        .define(
            SPOOL_SORT_CONFIG,
            Type.STRING,
            SPOOL_SORT_DEFAULT,
            ConfigDef.CaseInsensitiveValidString.in("name", "mtime"),
            Importance.LOW,
            SPOOL_SORT_DOC)
        .defineInternal(TASK_INDEX_CONFIG, Type.INT, 0, Importance.LOW)
        .defineInternal(TASK_COUNT_CONFIG, Type.INT, 1, Importance.LOW);
  }

  private static void validatePatterns(String name, Object value) {
    @SuppressWarnings("unchecked")
    List<String> patterns = (List<String>) value;
    if (patterns == null) {
      throw new ConfigException(name, value, "must list absolute glob patterns");
    }
    for (String pattern : patterns) {
      if (!Path.of(pattern).isAbsolute()) {
        throw new ConfigException(
            name, pattern, "patterns must be absolute paths, e.g. /var/log/app/*.log");
      }
      try {
        GlobScanner.matcher(pattern);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, pattern, "not a valid glob: " + e.getMessage());
      }
    }
  }

  private static void validateCharset(String name, Object value) {
    Charset charset;
    try {
      charset = Charset.forName((String) value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, value, "unknown or unsupported charset");
    }
    byte[] newline = "\n".getBytes(charset);
    byte[] letters = "az09".getBytes(charset);
    if (newline.length != 1
        || newline[0] != '\n'
        || !java.util.Arrays.equals(letters, "az09".getBytes(StandardCharsets.US_ASCII))) {
      throw new ConfigException(
          name, value, "lines are split on the byte '\\n': use an ASCII-compatible charset");
    }
  }

  private static void validateRegex(String name, Object value) {
    if (value == null || ((String) value).isEmpty()) {
      return;
    }
    try {
      Pattern.compile((String) value);
    } catch (PatternSyntaxException e) {
      throw new ConfigException(name, value, "not a valid regex: " + e.getDescription());
    }
  }
}
