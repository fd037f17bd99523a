package io.tributary.registry.server.internal.schema;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.NameValidator;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Parses Avro schema texts as the registry accepts them: one fresh {@link Schema.Parser} per parse,
 * referenced schemas parsed into it first so that their named types resolve, strict names and
 * validated defaults. Stateless and thread-safe.
 */
public final class AvroSchemas {

  /** The schema type name the registry reports for Avro ({@code schemaType}). */
  public static final String SCHEMA_TYPE = "AVRO";

  private static final String UNDEFINED_PREFIX = "Undefined schema: ";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private AvroSchemas() {}

  /** {@value #SCHEMA_TYPE}, the registry's name for Avro schemas. */
  public static String schemaType() {
    return SCHEMA_TYPE;
  }

  /**
   * Parses {@code schemaText} with the named types of {@code referencedSchemaTexts} available.
   *
   * @param schemaText the schema, a JSON document (an object, an array for a union, or a string
   *     such as {@code "\"string\""} for a primitive)
   * @param referencedSchemaTexts the schemas it references, dependencies first (a text after those
   *     it references itself); empty when there are none
   * @return the schema and its canonical text
   * @throws InvalidSchemaException if a text is not valid JSON or not a valid Avro schema; the
   *     message says which text and what is wrong
   */
  public static ParsedAvroSchema parse(String schemaText, List<String> referencedSchemaTexts) {
    requireNonNull(schemaText, "schemaText is null");
    requireNonNull(referencedSchemaTexts, "referencedSchemaTexts is null");
    Schema.Parser parser = newParser();
    List<Schema> references = new ArrayList<>(referencedSchemaTexts.size());
    for (int i = 0; i < referencedSchemaTexts.size(); i++) {
      String what = "referenced schema #" + (i + 1);
      references.add(parseOne(parser, referencedSchemaTexts.get(i), what));
    }
    Schema schema = parseOne(parser, schemaText, "schema");
    return new ParsedAvroSchema(schema, canonical(schema, references), references);
  }

  /** Parses {@code schemaText} without references. */
  public static ParsedAvroSchema parse(String schemaText) {
    return parse(schemaText, List.of());
  }

  /** Parses a text produced from schemas already parsed with {@code references}. */
  static ParsedAvroSchema reparse(String schemaText, List<Schema> references) {
    Schema.Parser parser = newParser();
    Map<String, Schema> named = new LinkedHashMap<>();
    for (Schema reference : references) {
      NamedTypes.collect(reference, named);
    }
    parser.addTypes(named.values());
    Schema schema = parseOne(parser, schemaText, "normalized schema");
    return new ParsedAvroSchema(schema, canonical(schema, references), references);
  }

  /**
   * Avro's compact JSON of {@code schema}, the named types of {@code references} by name only. The
   * method is deprecated in Avro 1.12 in favour of formatters that cannot leave references out.
   */
  @SuppressWarnings("deprecation")
  private static String canonical(Schema schema, List<Schema> references) {
    return schema.toString(references, false);
  }

  private static Schema.Parser newParser() {
    return new Schema.Parser(NameValidator.STRICT_VALIDATOR).setValidateDefaults(true);
  }

  private static Schema parseOne(Schema.Parser parser, String text, String what) {
    if (text == null || text.isBlank()) {
      throw new InvalidSchemaException("Invalid " + what + ": the schema text is empty");
    }
    JsonNode json = readJson(text, what);
    try {
      return parser.parse(text);
    } catch (SchemaParseException e) {
      throw new InvalidSchemaException(
          "Invalid " + what + ": " + withoutJacksonDetail(e.getMessage()), e);
    } catch (AvroRuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      if (message.startsWith(UNDEFINED_PREFIX)) {
        throw unknownType(what, message.substring(UNDEFINED_PREFIX.length()), e);
      }
      throw new InvalidSchemaException("Invalid " + what + ": " + message, e);
    } catch (RuntimeException e) {
      // Avro 1.12 fails with an unhelpful NullPointerException when the top-level type is a name
      // it cannot resolve, e.g. {"type": "recrod"}.
      JsonNode type = json.isObject() ? json.get("type") : json;
      if (type != null && type.isTextual()) {
        throw unknownType(what, type.textValue(), e);
      }
      throw new InvalidSchemaException("Invalid " + what + ": " + e, e);
    }
  }

  private static InvalidSchemaException unknownType(String what, String name, Exception cause) {
    return new InvalidSchemaException(
        "Invalid "
            + what
            + ": unknown type '"
            + name
            + "': it is neither an Avro type (null, boolean, int, long, float, double, bytes,"
            + " string, record, enum, array, map, fixed) nor a named type defined in the schema or"
            + " in its references",
        cause);
  }

  private static JsonNode readJson(String text, String what) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new InvalidSchemaException(
          "Invalid " + what + ": not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Avro wraps Jackson's messages, which carry a multi-line source location; keep line one. */
  private static String withoutJacksonDetail(String message) {
    if (message == null) {
      return "unparseable schema";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
