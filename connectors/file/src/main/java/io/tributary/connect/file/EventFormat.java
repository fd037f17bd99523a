package io.tributary.connect.file;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Turns an event's text into a record value and key according to {@code format}: raw (STRING), json
 * (schemaless maps, lists and primitives) or csv (a struct of optional strings named by the file's
 * header line). A malformed line raises a {@link DataException} naming the file and line.
 * Thread-safe (stateless apart from the shared, thread-safe ObjectMapper).
 */
final class EventFormat {

  /** A value with its schema (null: schemaless) and key (null: none). */
  record Parsed(Schema valueSchema, Object value, String key) {}

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final FileSourceConfig.Format format;
  private final String keyField;
  private final Pattern keyPattern;
  private final boolean inferSchema;
  private final DeclaredJsonSchema declaredSchema;

  EventFormat(FileSourceConfig config) {
    this.format = config.format();
    this.keyField = config.keyField();
    this.keyPattern = config.keyPattern();
    this.inferSchema = config.inferJsonSchema();
    String jsonSchema = config.getString(FileSourceConfig.JSON_SCHEMA_CONFIG);
    this.declaredSchema =
        DeclaredJsonSchema.isDeclared(jsonSchema)
            ? DeclaredJsonSchema.parse(jsonSchema, MAPPER)
            : null;
  }

  FileSourceConfig.Format format() {
    return format;
  }

  /** The value schema of a CSV file with this header line (line 1 of {@code file}). */
  static Schema csvSchema(String header, Path file) {
    List<String> names = CsvLine.parse(header, file, 1);
    SchemaBuilder builder = SchemaBuilder.struct().name("io.tributary.connect.file.CsvRow");
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (name == null || name.isEmpty() || !seen.add(name)) {
        throw new DataException(
            "Invalid CSV header in file "
                + file
                + " line 1: column names must be unique and"
                + " non-empty, got "
                + names);
      }
      builder.field(name, Schema.OPTIONAL_STRING_SCHEMA);
    }
    return builder.build();
  }

  /**
   * Parses an event; returns null for an event that carries no record (a blank json or csv line).
   *
   * @param csvSchema the file's CSV schema (format=csv only)
   */
  Parsed parse(String text, Path file, long line, Schema csvSchema) {
    switch (format) {
      case RAW:
        return new Parsed(Schema.STRING_SCHEMA, text, patternKey(text));
      case JSON:
        return text.isBlank() ? null : json(text, file, line);
      case CSV:
        return text.isEmpty()
            ? null
            : csv(text, file, line, requireNonNull(csvSchema, "csvSchema"));
      default:
        throw new IllegalStateException("Unknown format " + format);
    }
  }

  private Parsed json(String text, Path file, long line) {
    if (declaredSchema != null) {
      return structured(declaredSchema.read(text, file, line), text);
    }
    if (inferSchema) {
      return inferred(text, file, line);
    }
    Object value;
    try {
      value = MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new DataException(
          "Malformed JSON in file " + file + " line " + line + ": " + e.getOriginalMessage());
    }
    String key = patternKey(text);
    if (keyField != null && value instanceof Map<?, ?> map) {
      Object field = map.get(keyField);
      key = field == null ? null : field instanceof String s ? s : field.toString();
    }
    return new Parsed(null, value, key);
  }

  private Parsed inferred(String text, Path file, long line) {
    SchemaAndValue inferred;
    try {
      inferred = JsonSchemaInference.infer(MAPPER.readTree(text), file, line);
    } catch (JsonProcessingException e) {
      throw new DataException(
          "Malformed JSON in file " + file + " line " + line + ": " + e.getOriginalMessage());
    }
    return structured(inferred, text);
  }

  /** A value with a schema; the key from its {@code key.field} when it is a struct. */
  private Parsed structured(SchemaAndValue value, String text) {
    String key = patternKey(text);
    if (keyField != null
        && value.value() instanceof Struct struct
        && value.schema().field(keyField) != null) {
      Object field = struct.get(keyField);
      key = field == null ? null : field.toString();
    }
    return new Parsed(value.schema(), value.value(), key);
  }

  private Parsed csv(String text, Path file, long line, Schema schema) {
    List<String> values = CsvLine.parse(text, file, line);
    if (values.size() != schema.fields().size()) {
      throw new DataException(
          "Malformed CSV in file "
              + file
              + " line "
              + line
              + ": "
              + values.size()
              + " columns where the header has "
              + schema.fields().size());
    }
    Struct struct = new Struct(schema);
    for (int i = 0; i < values.size(); i++) {
      struct.put(schema.fields().get(i), values.get(i));
    }
    String key = patternKey(text);
    if (keyField != null && schema.field(keyField) != null) {
      key = struct.getString(keyField);
    }
    return new Parsed(schema, struct, key);
  }

  private String patternKey(String text) {
    if (keyPattern == null) {
      return null;
    }
    Matcher matcher = keyPattern.matcher(text);
    return matcher.find() && matcher.groupCount() >= 1 ? matcher.group(1) : null;
  }
}
