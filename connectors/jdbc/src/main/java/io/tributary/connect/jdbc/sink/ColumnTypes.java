package io.tributary.connect.jdbc.sink;

import static io.tributary.connect.jdbc.db.TributaryTypes.DECIMAL_PRECISION_PARAMETER;
import static io.tributary.connect.jdbc.db.TributaryTypes.JSON;
import static io.tributary.connect.jdbc.db.TributaryTypes.MICRO_TIME;
import static io.tributary.connect.jdbc.db.TributaryTypes.MICRO_TIMESTAMP;
import static io.tributary.connect.jdbc.db.TributaryTypes.UUID;
import static io.tributary.connect.jdbc.db.TributaryTypes.VARIABLE_DECIMAL;

import io.tributary.connect.jdbc.db.DialectKind;
import java.math.BigDecimal;
import java.sql.Types;
import java.util.Optional;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Connect schemas to SQL column types for CREATE TABLE and ALTER TABLE, per dialect (the table in
 * docs/jdbc-sink.md), and to {@link java.sql.Types} for binding nulls. Stateless.
 */
final class ColumnTypes {

  private ColumnTypes() {}

  /**
   * The SQL type of a column holding values of {@code schema}; {@code primaryKey} matters where a
   * dialect cannot index its large types (Oracle CLOB/BLOB).
   */
  static String sqlType(DialectKind dialect, Schema schema, boolean primaryKey) {
    if (schema.type() == Schema.Type.ARRAY) {
      if (dialect != DialectKind.POSTGRES) {
        throw new ConnectException(
            "The JDBC sink writes ARRAY fields to PostgreSQL only (array columns); leave the"
                + " field out with fields.whitelist, or convert it to a string with a transform");
      }
      arrayElementType(schema.valueSchema());
      return sqlType(dialect, schema.valueSchema(), false) + "[]";
    }
    if (schema.name() != null) {
      switch (schema.name()) {
        case Decimal.LOGICAL_NAME:
          return decimal(dialect, schema);
        case Date.LOGICAL_NAME:
          return "DATE";
        case Time.LOGICAL_NAME:
          // Oracle has no TIME type: a DATE on 1970-01-01 keeps the time of day (to the second).
          return dialect == DialectKind.ORACLE ? "DATE" : "TIME(3)";
        case Timestamp.LOGICAL_NAME:
          return "TIMESTAMP(3)";
        case MICRO_TIMESTAMP:
          return "TIMESTAMP(6)";
        case MICRO_TIME:
          // Oracle: the time of day on 1970-01-01, as for Connect's Time.
          return dialect == DialectKind.ORACLE ? "TIMESTAMP(6)" : "TIME(6)";
        case UUID:
          return switch (dialect) {
            case POSTGRES -> "UUID";
            case ORACLE -> "VARCHAR2(36)";
            case GENERIC -> "VARCHAR(36)";
          };
        case JSON:
          if (dialect == DialectKind.POSTGRES) {
            return "JSONB";
          }
          break;
        case VARIABLE_DECIMAL:
          return dialect == DialectKind.ORACLE ? "NUMBER" : "NUMERIC";
        default:
          break;
      }
    }
    return switch (dialect) {
      case POSTGRES -> postgres(schema);
      case ORACLE -> oracle(schema, primaryKey);
      case GENERIC -> generic(schema, primaryKey);
    };
  }

  private static String decimal(DialectKind dialect, Schema schema) {
    int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
    Optional<Integer> precision =
        Optional.ofNullable(schema.parameters().get(DECIMAL_PRECISION_PARAMETER))
            .map(Integer::parseInt);
    return switch (dialect) {
      // Without a declared precision: the largest the database allows, so no value overflows.
      case POSTGRES -> "NUMERIC(" + precision.orElse(1000) + "," + scale + ")";
      case ORACLE -> "NUMBER(" + precision.map(String::valueOf).orElse("*") + "," + scale + ")";
      case GENERIC -> "DECIMAL(" + precision.orElse(38) + "," + scale + ")";
    };
  }

  private static String postgres(Schema schema) {
    return switch (schema.type()) {
      case INT8, INT16 -> "SMALLINT";
      case INT32 -> "INTEGER";
      case INT64 -> "BIGINT";
      case FLOAT32 -> "REAL";
      case FLOAT64 -> "DOUBLE PRECISION";
      case BOOLEAN -> "BOOLEAN";
      case STRING -> "TEXT";
      case BYTES -> "BYTEA";
      default -> throw unsupported(schema);
    };
  }

  private static String oracle(Schema schema, boolean primaryKey) {
    return switch (schema.type()) {
      case INT8 -> "NUMBER(3,0)";
      case INT16 -> "NUMBER(5,0)";
      case INT32 -> "NUMBER(10,0)";
      case INT64 -> "NUMBER(19,0)";
      case FLOAT32 -> "BINARY_FLOAT";
      case FLOAT64 -> "BINARY_DOUBLE";
      case BOOLEAN -> "NUMBER(1,0)";
      case STRING -> primaryKey ? "VARCHAR2(4000)" : "CLOB";
      case BYTES -> primaryKey ? "RAW(2000)" : "BLOB";
      default -> throw unsupported(schema);
    };
  }

  private static String generic(Schema schema, boolean primaryKey) {
    return switch (schema.type()) {
      case INT8, INT16 -> "SMALLINT";
      case INT32 -> "INTEGER";
      case INT64 -> "BIGINT";
      case FLOAT32 -> "REAL";
      case FLOAT64 -> "DOUBLE PRECISION";
      case BOOLEAN -> "BOOLEAN";
      case STRING -> primaryKey ? "VARCHAR(255)" : "VARCHAR(4000)";
      case BYTES -> primaryKey ? "VARBINARY(255)" : "BLOB";
      default -> throw unsupported(schema);
    };
  }

  /**
   * The PostgreSQL element type name {@code Connection.createArrayOf} takes for an array of {@code
   * element}: integers, floats, booleans, strings and decimals (Connect Decimal or Tributary's
   * variable decimal).
   *
   * @throws ConnectException for other element types, naming the type
   */
  static String arrayElementType(Schema element) {
    if (element.name() != null) {
      switch (element.name()) {
        case Decimal.LOGICAL_NAME, VARIABLE_DECIMAL:
          return "numeric";
        default:
          throw new ConnectException(
              "The JDBC sink has no array column type for elements of "
                  + element.name()
                  + "; arrays of integers, floats, booleans, strings and decimals are written");
      }
    }
    return switch (element.type()) {
      case INT8, INT16 -> "int2";
      case INT32 -> "int4";
      case INT64 -> "int8";
      case FLOAT32 -> "float4";
      case FLOAT64 -> "float8";
      case BOOLEAN -> "bool";
      case STRING -> "text";
      default ->
          throw new ConnectException(
              "The JDBC sink has no array column type for elements of Connect type "
                  + element.type()
                  + "; arrays of integers, floats, booleans, strings and decimals are written");
    };
  }

  /** The {@link Types} constant for binding a null of {@code schema}. */
  static int jdbcType(Schema schema) {
    if (schema.type() == Schema.Type.ARRAY) {
      return Types.ARRAY;
    }
    if (schema.name() != null) {
      switch (schema.name()) {
        case Decimal.LOGICAL_NAME:
          return Types.NUMERIC;
        case Date.LOGICAL_NAME:
          return Types.DATE;
        case Time.LOGICAL_NAME:
          return Types.TIME;
        case Timestamp.LOGICAL_NAME, MICRO_TIMESTAMP:
          return Types.TIMESTAMP;
        case MICRO_TIME:
          return Types.TIME;
        case VARIABLE_DECIMAL:
          return Types.NUMERIC;
        case UUID, JSON:
          return Types.OTHER;
        default:
          break;
      }
    }
    return switch (schema.type()) {
      case INT8 -> Types.TINYINT;
      case INT16 -> Types.SMALLINT;
      case INT32 -> Types.INTEGER;
      case INT64 -> Types.BIGINT;
      case FLOAT32 -> Types.REAL;
      case FLOAT64 -> Types.DOUBLE;
      case BOOLEAN -> Types.BOOLEAN;
      case STRING -> Types.VARCHAR;
      case BYTES -> Types.BINARY;
      default -> throw unsupported(schema);
    };
  }

  /**
   * A field's default value as an SQL literal for DDL, or empty when it has none or its type has no
   * portable literal (bytes, dates and times: the column then gets no DEFAULT).
   */
  static Optional<String> defaultLiteral(DialectKind dialect, Schema schema) {
    Object value = schema.defaultValue();
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof BigDecimal decimal) {
      return Optional.of(decimal.toPlainString());
    }
    if (value instanceof Boolean bool) {
      if (dialect == DialectKind.ORACLE) {
        return Optional.of(bool ? "1" : "0");
      }
      return Optional.of(bool ? "TRUE" : "FALSE");
    }
    if (value instanceof Number number) {
      return Optional.of(number.toString());
    }
    if (value instanceof String string) {
      return Optional.of("'" + string.replace("'", "''") + "'");
    }
    return Optional.empty();
  }

  private static ConnectException unsupported(Schema schema) {
    return new ConnectException(
        "The JDBC sink has no column type for Connect type "
            + schema.type()
            + (schema.name() == null ? "" : " (" + schema.name() + ")"));
  }
}
