package io.tributary.connect.jdbc.source;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Connect schemas of one result set: the value (every mapped column, named after the table)
 * and, when the table has a primary key, the key (a struct of the key columns). Reads rows into
 * structs. Built once per executed query; used by one task thread.
 */
final class RowSchema {
  private static final Logger LOGGER = LoggerFactory.getLogger(RowSchema.class);

  private final Schema valueSchema;
  private final Optional<Schema> keySchema;
  private final List<ColumnMapping> columns;
  private final int[] positions;
  private final int[] keyFields;
  private final Field[] valueFieldsByColumn;
  private final Field[] keyFieldsByKey;
  private Object[] row;

  private RowSchema(
      Schema valueSchema,
      Optional<Schema> keySchema,
      List<ColumnMapping> columns,
      int[] positions,
      int[] keyFields) {
    this.valueSchema = valueSchema;
    this.keySchema = keySchema;
    this.columns = columns;
    this.positions = positions;
    this.keyFields = keyFields;
    this.valueFieldsByColumn = new Field[columns.size()];
    for (int f = 0; f < columns.size(); f++) {
      valueFieldsByColumn[f] = valueSchema.field(columns.get(f).name());
    }
    this.keyFieldsByKey = new Field[keyFields.length];
    keySchema.ifPresent(
        key -> {
          for (int k = 0; k < keyFields.length; k++) {
            keyFieldsByKey[k] = key.field(columns.get(keyFields[k]).name());
          }
        });
  }

  static RowSchema of(
      ResultSetMetaData meta,
      RowSource source,
      List<String> primaryKey,
      ColumnMapping.Options options,
      List<String> hidden)
      throws SQLException {
    SchemaBuilder value = SchemaBuilder.struct();
    source.table().ifPresent(t -> value.name(t.table()));
    List<ColumnMapping> columns = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      if (hidden.contains(meta.getColumnLabel(i))) {
        continue;
      }
      Optional<ColumnMapping> mapping = ColumnMapping.of(meta, i, options);
      if (mapping.isEmpty()) {
        LOGGER.warn(
            "Column {} of {} has type {} ({}), which has no Connect mapping: it is left out",
            meta.getColumnLabel(i),
            source.describe(),
            meta.getColumnTypeName(i),
            meta.getColumnType(i));
        continue;
      }
      columns.add(mapping.get());
      positions.add(i);
      value.field(mapping.get().name(), mapping.get().schema());
    }
    List<Integer> keyFields = new ArrayList<>();
    Optional<Schema> key = Optional.empty();
    if (!primaryKey.isEmpty()) {
      SchemaBuilder keyBuilder = SchemaBuilder.struct();
      source.table().ifPresent(t -> keyBuilder.name(t.table() + ".Key"));
      for (String pk : primaryKey) {
        for (int f = 0; f < columns.size(); f++) {
          if (columns.get(f).name().equals(pk)) {
            keyFields.add(f);
            keyBuilder.field(pk, columns.get(f).schema());
          }
        }
      }
      if (keyFields.size() == primaryKey.size()) {
        key = Optional.of(keyBuilder.build());
      } else {
        keyFields.clear();
      }
    }
    return new RowSchema(
        value.build(),
        key,
        List.copyOf(columns),
        positions.stream().mapToInt(Integer::intValue).toArray(),
        keyFields.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Reads the current row; {@link #value()}, {@link #key()} and {@link #size()} then see it. */
  void read(ResultSet rs) throws SQLException {
    Object[] values = new Object[columns.size()];
    for (int f = 0; f < values.length; f++) {
      values[f] = columns.get(f).reader().read(rs, positions[f]);
    }
    row = values;
  }

  Schema valueSchema() {
    return valueSchema;
  }

  Optional<Schema> keySchema() {
    return keySchema;
  }

  Struct value() {
    Struct struct = new Struct(valueSchema);
    for (int f = 0; f < row.length; f++) {
      struct.put(valueFieldsByColumn[f], row[f]);
    }
    return struct;
  }

  Struct key() {
    if (keySchema.isEmpty()) {
      return null;
    }
    Struct struct = new Struct(keySchema.get());
    for (int k = 0; k < keyFields.length; k++) {
      struct.put(keyFieldsByKey[k], row[keyFields[k]]);
    }
    return struct;
  }

  /** About how many bytes the current row's values take. */
  int size() {
    int size = 0;
    for (Object value : row) {
      size += ColumnMapping.approximateSize(value);
    }
    return size;
  }
}
