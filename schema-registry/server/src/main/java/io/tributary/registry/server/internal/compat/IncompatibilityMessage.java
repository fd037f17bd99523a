package io.tributary.registry.server.internal.compat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Turns one Avro {@link Incompatibility} into a message in Confluent's shape: {@code
 * {errorType:'..', description:'..', additionalInfo:'..'}}. The description names the location
 * (Avro's path in the reading schema, and the field it lies in) and why the reading schema cannot
 * read the writing one, calling the two schemas by their roles ("new" or "old").
 */
final class IncompatibilityMessage {

  private IncompatibilityMessage() {}

  /**
   * The message for {@code incompatibility}, found while {@code reader} was checked against a
   * writer.
   *
   * @param reader the schema that reads (the location is a path in it)
   * @param readerRole "new" or "old": what the user calls the reading schema
   * @param writerRole "old" or "new": what the user calls the writing schema
   */
  static String format(
      Incompatibility incompatibility, Schema reader, String readerRole, String writerRole) {
    SchemaIncompatibilityType type = incompatibility.getType();
    String path = incompatibility.getLocation();
    String info = incompatibility.getMessage();
    String at = "at path '" + path + "'" + fieldSuffix(reader, path);
    String description =
        switch (type) {
          case READER_FIELD_MISSING_DEFAULT_VALUE ->
              "The field '"
                  + info
                  + "' at path '"
                  + path
                  + "' in the "
                  + readerRole
                  + " schema has no default value and is missing in the "
                  + writerRole
                  + " schema";
          case TYPE_MISMATCH ->
              "The type "
                  + at
                  + " in the "
                  + readerRole
                  + " schema is "
                  + describe(incompatibility.getReaderFragment())
                  + " and cannot read "
                  + describe(incompatibility.getWriterFragment())
                  + " of the "
                  + writerRole
                  + " schema (allowed promotions: int to long, float or double; long to float or"
                  + " double; float to double; string to bytes and bytes to string)";
          case MISSING_ENUM_SYMBOLS ->
              "The enum "
                  + at
                  + " in the "
                  + readerRole
                  + " schema lacks the symbols "
                  + info
                  + " of the "
                  + writerRole
                  + " schema and has no default symbol to read them as";
          case MISSING_UNION_BRANCH ->
              "The type "
                  + at
                  + " in the "
                  + readerRole
                  + " schema ("
                  + describe(incompatibility.getReaderFragment())
                  + ") has no union branch that can read "
                  + describe(branchOf(incompatibility.getWriterFragment(), path))
                  + " of the "
                  + writerRole
                  + " schema";
          case NAME_MISMATCH ->
              "The name of the type "
                  + at
                  + " is '"
                  + nameOf(incompatibility.getReaderFragment())
                  + "' in the "
                  + readerRole
                  + " schema but '"
                  + nameOf(incompatibility.getWriterFragment())
                  + "' in the "
                  + writerRole
                  + " schema, and the "
                  + readerRole
                  + " schema has no alias for it";
          case FIXED_SIZE_MISMATCH ->
              "The size of the fixed type "
                  + at
                  + " is "
                  + sizeOf(incompatibility.getReaderFragment())
                  + " in the "
                  + readerRole
                  + " schema but "
                  + sizeOf(incompatibility.getWriterFragment())
                  + " in the "
                  + writerRole
                  + " schema";
          default ->
              "The " + readerRole + " schema cannot read the " + writerRole + " schema " + at;
        };
    return "{errorType:'"
        + type
        + "', description:'"
        + description
        + "', additionalInfo:'"
        + info
        + "'}";
  }

  /**
   * The message for a decimal whose scale differs or whose precision narrows, in the same shape
   * (Avro has no error type for it; it is a {@code TYPE_MISMATCH} of the logical type).
   */
  static String formatDecimal(
      DecimalResolution.Problem problem, Schema reader, String readerRole, String writerRole) {
    String info =
        "reader decimal("
            + problem.reader().getPrecision()
            + ","
            + problem.reader().getScale()
            + ") not compatible with writer decimal("
            + problem.writer().getPrecision()
            + ","
            + problem.writer().getScale()
            + ")";
    String why =
        problem.reader().getScale() != problem.writer().getScale()
            ? "a different scale would read every value scaled by a power of ten"
            : "a smaller precision cannot hold every value";
    String description =
        "The decimal at path '"
            + problem.path()
            + "'"
            + fieldSuffix(reader, problem.path())
            + " has precision "
            + problem.reader().getPrecision()
            + " and scale "
            + problem.reader().getScale()
            + " in the "
            + readerRole
            + " schema but precision "
            + problem.writer().getPrecision()
            + " and scale "
            + problem.writer().getScale()
            + " in the "
            + writerRole
            + " schema: "
            + why;
    return "{errorType:'TYPE_MISMATCH', description:'"
        + description
        + "', additionalInfo:'"
        + info
        + "'}";
  }

  /** ", in field 'a.b'" for a path that lies inside fields of {@code reader}, else "". */
  static String fieldSuffix(Schema reader, String path) {
    List<String> fields = fieldsAlong(reader, path);
    return fields.isEmpty() ? "" : " (field '" + String.join(".", fields) + "')";
  }

  /** The names of the fields Avro's {@code path} passes through in {@code schema}. */
  static List<String> fieldsAlong(Schema schema, String path) {
    List<String> names = new ArrayList<>();
    String[] tokens = path.split("/");
    Schema current = schema;
    for (int i = 0; i < tokens.length && current != null; i++) {
      String token = tokens[i];
      if (token.isEmpty()) {
        continue;
      }
      switch (token) {
        case "fields" -> {
          if (current.getType() != Schema.Type.RECORD || i + 1 >= tokens.length) {
            return names;
          }
          int index = indexOf(tokens[++i]);
          if (index < 0 || index >= current.getFields().size()) {
            return names;
          }
          Schema.Field field = current.getFields().get(index);
          names.add(field.name());
          current = field.schema();
        }
        case "type" -> {
          // the field's schema, already entered
        }
        case "items" ->
            current = current.getType() == Schema.Type.ARRAY ? current.getElementType() : null;
        case "values" ->
            current = current.getType() == Schema.Type.MAP ? current.getValueType() : null;
        default -> {
          // a union branch index of the writer, or a terminal (name, size, symbols)
          return names;
        }
      }
    }
    return names;
  }

  private static int indexOf(String token) {
    try {
      return Integer.parseInt(token);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * For a missing union branch Avro reports the whole writer union; the path ends at the branch.
   */
  private static Schema branchOf(Schema writer, String path) {
    if (writer == null || writer.getType() != Schema.Type.UNION) {
      return writer;
    }
    int index = indexOf(path.substring(path.lastIndexOf('/') + 1));
    return index >= 0 && index < writer.getTypes().size() ? writer.getTypes().get(index) : writer;
  }

  /** A short description of a schema: {@code 'long'}, {@code 'long' (timestamp-millis)}, ... */
  static String describe(Schema schema) {
    if (schema == null) {
      return "an unknown type";
    }
    String text =
        switch (schema.getType()) {
          case RECORD, ENUM, FIXED ->
              schema.getType().getName() + " '" + schema.getFullName() + "'";
          case UNION -> "union " + schema;
          case ARRAY -> "array of " + describe(schema.getElementType());
          case MAP -> "map of " + describe(schema.getValueType());
          default -> "'" + schema.getType().getName() + "'";
        };
    LogicalType logical = schema.getLogicalType();
    return logical == null ? text : text + " (" + logical.getName() + ")";
  }

  private static String nameOf(Schema schema) {
    return schema == null ? "?" : schema.getFullName();
  }

  private static String sizeOf(Schema schema) {
    return schema == null || schema.getType() != Schema.Type.FIXED
        ? "?"
        : Integer.toString(schema.getFixedSize());
  }
}
