package io.tributary.registry.server.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Writes a schema in the registry's normalized JSON form (Confluent's {@code normalize=true}):
 * named types by full name (no separate namespace) and defined once, then by name; properties
 * sorted by key (nested objects too); aliases sorted; field defaults as the field's type reads
 * them; logical types with their own attributes only ({@code scale} left out when zero). Named
 * types defined by referenced schemas are written by name.
 */
final class AvroNormalizer {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String LOGICAL_TYPE = "logicalType";
  private static final String PRECISION = "precision";
  private static final String SCALE = "scale";

  private final Set<String> defined = new HashSet<>();

  private AvroNormalizer(List<Schema> references) {
    references.forEach(reference -> defined.add(reference.getFullName()));
  }

  /** The normalized JSON text of {@code schema}, whose {@code references} are written by name. */
  static String normalize(Schema schema, List<Schema> references) {
    return new AvroNormalizer(references).write(schema).toString();
  }

  private JsonNode write(Schema schema) {
    return switch (schema.getType()) {
      case UNION -> {
        ArrayNode branches = NODES.arrayNode();
        schema.getTypes().forEach(branch -> branches.add(write(branch)));
        yield branches;
      }
      case ARRAY -> container(schema, "items", schema.getElementType());
      case MAP -> container(schema, "values", schema.getValueType());
      case RECORD, ENUM, FIXED -> named(schema);
      default -> primitive(schema);
    };
  }

  private JsonNode container(Schema schema, String key, Schema content) {
    ObjectNode node = NODES.objectNode();
    node.put("type", schema.getType().getName());
    node.set(key, write(content));
    addProps(node, schema.getObjectProps(), schema.getLogicalType());
    return node;
  }

  private JsonNode primitive(Schema schema) {
    if (schema.getLogicalType() == null && !schema.hasProps()) {
      return NODES.textNode(schema.getType().getName());
    }
    ObjectNode node = NODES.objectNode();
    node.put("type", schema.getType().getName());
    addProps(node, schema.getObjectProps(), schema.getLogicalType());
    return node;
  }

  private JsonNode named(Schema schema) {
    String name = schema.getFullName();
    if (!defined.add(name)) {
      return NODES.textNode(name);
    }
    ObjectNode node = NODES.objectNode();
    node.put("name", name);
    node.put("type", schema.getType().getName());
    switch (schema.getType()) {
      case ENUM -> {
        ArrayNode symbols = node.putArray("symbols");
        schema.getEnumSymbols().forEach(symbols::add);
      }
      case FIXED -> node.put("size", schema.getFixedSize());
      default -> {
        ArrayNode fields = node.putArray("fields");
        schema.getFields().forEach(field -> fields.add(field(field)));
      }
    }
    if (schema.getDoc() != null && !schema.getDoc().isEmpty()) {
      node.put("doc", schema.getDoc());
    }
    addAliases(node, schema.getAliases());
    if (schema.getType() == Schema.Type.ENUM && schema.getEnumDefault() != null) {
      node.put("default", schema.getEnumDefault());
    }
    addProps(node, schema.getObjectProps(), schema.getLogicalType());
    return node;
  }

  private JsonNode field(Schema.Field field) {
    ObjectNode node = NODES.objectNode();
    node.put("name", field.name());
    node.set("type", write(field.schema()));
    if (field.order() != null && field.order() != Schema.Field.Order.ASCENDING) {
      node.put("order", field.order().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (field.doc() != null) {
      node.put("doc", field.doc());
    }
    addAliases(node, field.aliases());
    if (field.hasDefaultValue()) {
      node.set("default", toJson(field.defaultVal()));
    }
    addProps(node, field.getObjectProps(), null);
    return node;
  }

  private static void addAliases(ObjectNode node, Set<String> aliases) {
    if (!aliases.isEmpty()) {
      ArrayNode sorted = node.putArray("aliases");
      new TreeSet<>(aliases).forEach(sorted::add);
    }
  }

  private static void addProps(ObjectNode node, Map<String, Object> props, LogicalType logical) {
    Map<String, Object> sorted = new TreeMap<>(props);
    if (logical != null) {
      // The logical type's own attributes first, in a fixed order; a zero scale is the default.
      sorted.remove(LOGICAL_TYPE);
      sorted.remove(PRECISION);
      sorted.remove(SCALE);
      node.put(LOGICAL_TYPE, logical.getName());
      if (logical instanceof LogicalTypes.Decimal decimal) {
        node.put(PRECISION, decimal.getPrecision());
        if (decimal.getScale() != 0) {
          node.put(SCALE, decimal.getScale());
        }
      }
    }
    sorted.forEach((key, value) -> node.set(key, toJson(value)));
  }

  /** The JSON form of a default or property value as Avro holds it after parsing. */
  private static JsonNode toJson(Object value) {
    if (value == null || value == JsonProperties.NULL_VALUE) {
      return NODES.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode node = NODES.objectNode();
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((key, entry) -> sorted.put(String.valueOf(key), entry));
      sorted.forEach((key, entry) -> node.set(key, toJson(entry)));
      return node;
    }
    if (value instanceof Collection<?> collection) {
      ArrayNode node = NODES.arrayNode();
      collection.forEach(element -> node.add(toJson(element)));
      return node;
    }
    if (value instanceof byte[] bytes) {
      // Avro's JSON encoding of bytes and fixed: one char per byte, ISO-8859-1.
      return NODES.textNode(new String(bytes, StandardCharsets.ISO_8859_1));
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (value instanceof Integer integer) {
      return NODES.numberNode(integer);
    }
    if (value instanceof Long number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Float number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Double number) {
      return NODES.numberNode(number);
    }
    if (value instanceof java.math.BigInteger number) {
      return NODES.numberNode(number);
    }
    if (value instanceof java.math.BigDecimal number) {
      return NODES.numberNode(number);
    }
    return NODES.textNode(value.toString());
  }
}
