package io.tributary.connect.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * A value schema declared in the connector config ({@code json.schema}) in Kafka Connect's JSON
 * schema format, the one Apache's {@code JsonConverter} writes in its envelopes, e.g. {@code
 * {"type": "struct", "fields": [{"field": "id", "type": "int64", "optional": false}]}}. Each JSON
 * line is read as that schema's payload with {@code JsonConverter}'s own rules (types, logical
 * types, optional fields and defaults), so a line that does not fit fails with its file and line.
 *
 * <p>Not thread-safe; one per task.
 */
final class DeclaredJsonSchema {
  private final ObjectMapper mapper;
  private final JsonConverter converter = new JsonConverter();
  private final JsonNode schemaJson;
  private final Schema schema;

  private DeclaredJsonSchema(ObjectMapper mapper, JsonNode schemaJson) {
    this.mapper = mapper;
    this.schemaJson = schemaJson;
    converter.configure(Map.of("schemas.enable", "true"), false);
    this.schema = converter.asConnectSchema(schemaJson);
  }

  /** Whether a {@code json.schema} value declares a schema (rather than naming a mode). */
  static boolean isDeclared(String value) {
    return value != null && value.trim().startsWith("{");
  }

  /**
   * Parses a declared schema.
   *
   * @throws ConfigException naming {@code json.schema} when it is not a valid schema
   */
  static DeclaredJsonSchema parse(String value, ObjectMapper mapper) {
    try {
      return new DeclaredJsonSchema(mapper, mapper.readTree(value));
    } catch (JsonProcessingException | DataException e) {
      throw new ConfigException(
          FileSourceConfig.JSON_SCHEMA_CONFIG,
          value,
          "not a Kafka Connect JSON schema ({\"type\": \"struct\", \"fields\": [...]}): "
              + e.getMessage());
    }
  }

  Schema schema() {
    return schema;
  }

  /** The line as a value of the declared schema. */
  SchemaAndValue read(String text, Path file, long line) {
    try {
      ObjectNode envelope = mapper.createObjectNode();
      envelope.set("schema", schemaJson);
      envelope.set("payload", mapper.readTree(text));
      return converter.toConnectData("", mapper.writeValueAsBytes(envelope));
    } catch (JsonProcessingException e) {
      throw new DataException(
          "Malformed JSON in file " + file + " line " + line + ": " + e.getOriginalMessage());
    } catch (DataException e) {
      throw new DataException(
          "JSON in file "
              + file
              + " line "
              + line
              + " does not fit the schema declared in json.schema: "
              + e.getMessage(),
          e);
    }
  }
}
