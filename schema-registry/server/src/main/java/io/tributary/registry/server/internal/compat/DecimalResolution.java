package io.tributary.registry.server.internal.compat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The decimal rule of Avro's schema resolution that {@link org.apache.avro.SchemaCompatibility}
 * leaves out: a decimal is stored as its unscaled integer, so a reader with another scale reads
 * every value multiplied or divided by a power of ten, and a reader with a smaller precision gets
 * values it cannot hold. Finds, along the places where a reader resolves a writer (record fields by
 * name or alias, array items, map values, union branches), the decimals whose scale differs or
 * whose precision narrows.
 */
final class DecimalResolution {

  /** A decimal the reader cannot read, at an Avro-style {@code path} in the reader. */
  record Problem(String path, LogicalTypes.Decimal reader, LogicalTypes.Decimal writer) {}

  private final List<Problem> problems = new ArrayList<>();
  private final Set<String> visitedRecordPairs = new HashSet<>();

  private DecimalResolution() {}

  /** The decimal problems of {@code reader} reading data written with {@code writer}. */
  static List<Problem> problems(Schema reader, Schema writer) {
    DecimalResolution resolution = new DecimalResolution();
    resolution.walk(reader, writer, "");
    return resolution.problems;
  }

  private void walk(Schema reader, Schema writer, String path) {
    if (writer.getType() == Schema.Type.UNION) {
      // every writer branch must be read; the reader side resolves each on its own
      for (Schema branch : writer.getTypes()) {
        walk(reader, branch, path);
      }
      return;
    }
    if (reader.getType() == Schema.Type.UNION) {
      List<Schema> branches = reader.getTypes();
      for (int i = 0; i < branches.size(); i++) {
        if (sameKind(branches.get(i), writer)) {
          walk(branches.get(i), writer, path + "/" + i);
          return;
        }
      }
      return;
    }
    if (reader.getType() != writer.getType()) {
      return;
    }
    switch (reader.getType()) {
      case RECORD -> walkRecord(reader, writer, path);
      case ARRAY -> walk(reader.getElementType(), writer.getElementType(), path + "/items");
      case MAP -> walk(reader.getValueType(), writer.getValueType(), path + "/values");
      case BYTES, FIXED -> checkDecimal(reader, writer, path);
      default -> {
        // no decimals in other types
      }
    }
  }

  private void walkRecord(Schema reader, Schema writer, String path) {
    if (!visitedRecordPairs.add(reader.getFullName() + "<-" + writer.getFullName())) {
      return; // a recursive type, already being walked
    }
    List<Schema.Field> fields = reader.getFields();
    for (int i = 0; i < fields.size(); i++) {
      Schema.Field readerField = fields.get(i);
      Schema.Field writerField = writer.getField(readerField.name());
      if (writerField == null) {
        for (String alias : readerField.aliases()) {
          writerField = writer.getField(alias);
          if (writerField != null) {
            break;
          }
        }
      }
      if (writerField != null) {
        walk(readerField.schema(), writerField.schema(), path + "/fields/" + i + "/type");
      }
    }
  }

  private void checkDecimal(Schema reader, Schema writer, String path) {
    LogicalType readerType = reader.getLogicalType();
    LogicalType writerType = writer.getLogicalType();
    if (readerType instanceof LogicalTypes.Decimal readerDecimal
        && writerType instanceof LogicalTypes.Decimal writerDecimal
        && (readerDecimal.getScale() != writerDecimal.getScale()
            || readerDecimal.getPrecision() < writerDecimal.getPrecision())) {
      problems.add(new Problem(path.isEmpty() ? "/" : path, readerDecimal, writerDecimal));
    }
  }

  /** Whether a reader union branch is the one Avro would pick for {@code writer}'s type. */
  private static boolean sameKind(Schema branch, Schema writer) {
    if (branch.getType() != writer.getType()) {
      return false;
    }
    return switch (branch.getType()) {
      case RECORD, ENUM, FIXED ->
          branch.getFullName().equals(writer.getFullName())
              || branch.getAliases().contains(writer.getFullName());
      default -> true;
    };
  }
}
