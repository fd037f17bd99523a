package io.tributary.connect.file;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * {@code json.schema=infer}: the Connect schema and value of one JSON object line. Objects become
 * structs (fields in document order), integers INT64, other numbers FLOAT64, strings, booleans,
 * arrays of their first non-null element's type; every field is optional, a JSON null is a null
 * STRING. A line that is not an object, or an array mixing types, is malformed. Each line gets its
 * own schema (lines with the same shape get equal schemas). Stateless, thread-safe.
 */
final class JsonSchemaInference {

  private JsonSchemaInference() {}

  static SchemaAndValue infer(JsonNode node, Path file, long line) {
    if (!node.isObject()) {
      throw malformed(file, line, "json.schema=infer needs a JSON object per line");
    }
    Schema schema = schemaOf(node, file, line);
    return new SchemaAndValue(schema, valueOf(node, schema));
  }

  private static Schema schemaOf(JsonNode node, Path file, long line) {
    switch (node.getNodeType()) {
      case OBJECT:
        SchemaBuilder struct = SchemaBuilder.struct().optional();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          struct.field(field.getKey(), schemaOf(field.getValue(), file, line));
        }
        return struct.build();
      case ARRAY:
        Schema element = null;
        for (JsonNode item : node) {
          if (item.isNull()) {
            continue;
          }
          Schema itemSchema = schemaOf(item, file, line);
          if (element == null) {
            element = itemSchema;
          } else if (!element.equals(itemSchema)) {
            throw malformed(
                file, line, "an array mixes " + element.type() + " and " + itemSchema.type());
          }
        }
        return SchemaBuilder.array(element == null ? Schema.OPTIONAL_STRING_SCHEMA : element)
            .optional()
            .build();
      case NUMBER:
        return node.isIntegralNumber() && node.canConvertToLong()
            ? Schema.OPTIONAL_INT64_SCHEMA
            : Schema.OPTIONAL_FLOAT64_SCHEMA;
      case BOOLEAN:
        return Schema.OPTIONAL_BOOLEAN_SCHEMA;
      default:
        return Schema.OPTIONAL_STRING_SCHEMA;
    }
  }

  private static Object valueOf(JsonNode node, Schema schema) {
    if (node == null || node.isNull()) {
      return null;
    }
    switch (schema.type()) {
      case STRUCT:
        Struct struct = new Struct(schema);
        for (org.apache.kafka.connect.data.Field field : schema.fields()) {
          struct.put(field, valueOf(node.get(field.name()), field.schema()));
        }
        return struct;
      case ARRAY:
        List<Object> items = new ArrayList<>();
        for (JsonNode item : node) {
          items.add(valueOf(item, schema.valueSchema()));
        }
        return items;
      case INT64:
        return node.longValue();
      case FLOAT64:
        return node.doubleValue();
      case BOOLEAN:
        return node.booleanValue();
      default:
        return node.isTextual() ? node.textValue() : node.toString();
    }
  }

  private static DataException malformed(Path file, long line, String why) {
    return new DataException("Malformed JSON in file " + file + " line " + line + ": " + why);
  }
}
