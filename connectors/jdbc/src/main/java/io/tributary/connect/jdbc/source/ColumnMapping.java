package io.tributary.connect.jdbc.source;

import static io.tributary.connect.jdbc.db.TributaryTypes.DECIMAL_PRECISION_PARAMETER;
import static io.tributary.connect.jdbc.db.TributaryTypes.JSON;
import static io.tributary.connect.jdbc.db.TributaryTypes.MICRO_TIME;
import static io.tributary.connect.jdbc.db.TributaryTypes.MICRO_TIMESTAMP;
import static io.tributary.connect.jdbc.db.TributaryTypes.UUID;
import static io.tributary.connect.jdbc.db.TributaryTypes.VARIABLE_DECIMAL;
import static java.util.Objects.requireNonNull;

import io.tributary.connect.jdbc.db.DialectKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;

/**
 * One result column as a Connect field: its schema (optional when the column is nullable) and how
 * to read its value. Built from {@link ResultSetMetaData} by {@link #of}; a column of a type with
 * no sensible mapping is left out (empty). Immutable; readers are used by one task thread.
 */
public record ColumnMapping(String name, Schema schema, ColumnReader reader) {

  public ColumnMapping {
    requireNonNull(name, "name is null");
    requireNonNull(schema, "schema is null");
    requireNonNull(reader, "reader is null");
  }

  /** Reads one column of the current row as its Connect value (null for SQL NULL). */
  @FunctionalInterface
  public interface ColumnReader {
    Object read(ResultSet rs, int column) throws SQLException;
  }

  /** How columns are mapped: the settings that change a mapping. */
  public record Options(
      NumericMapping numeric,
      TimePrecision time,
      ZoneId dbZone,
      DialectKind dialect,
      TimestampGranularity granularity) {
    public Options {
      requireNonNull(numeric, "numeric is null");
      requireNonNull(time, "time is null");
      requireNonNull(dbZone, "dbZone is null");
      requireNonNull(dialect, "dialect is null");
      requireNonNull(granularity, "granularity is null");
    }

    /** With {@code timestamp.granularity=connect_logical}. */
    public Options(NumericMapping numeric, TimePrecision time, ZoneId dbZone, DialectKind dialect) {
      this(numeric, time, dbZone, dialect, TimestampGranularity.CONNECT_LOGICAL);
    }

    Calendar calendar() {
      return Calendar.getInstance(TimeZone.getTimeZone(dbZone), Locale.ROOT);
    }
  }

  /** The mapping of column {@code column} (1-based), or empty for an unsupported type. */
  public static Optional<ColumnMapping> of(ResultSetMetaData meta, int column, Options options)
      throws SQLException {
    String name = meta.getColumnLabel(column);
    boolean optional = meta.isNullable(column) != ResultSetMetaData.columnNoNulls;
    int type = meta.getColumnType(column);
    String typeName = Optional.ofNullable(meta.getColumnTypeName(column)).orElse("");
    int precision = meta.getPrecision(column);
    int scale = meta.getScale(column);
    Optional<Mapped> mapped = map(type, typeName, precision, scale, options);
    return mapped.map(
        m -> {
          SchemaBuilder builder = m.schema();
          if (optional) {
            builder.optional();
          }
          return new ColumnMapping(name, builder.build(), m.reader());
        });
  }

  private record Mapped(SchemaBuilder schema, ColumnReader reader) {}

  private static Optional<Mapped> map(
      int type, String typeName, int precision, int scale, Options options) {
    String lowerType = typeName.toLowerCase(Locale.ROOT);
    switch (type) {
      case Types.BIT:
        if (precision > 1 && options.dialect() == DialectKind.POSTGRES) {
          return Optional.of(new Mapped(SchemaBuilder.string(), ResultSet::getString));
        }
        return Optional.of(new Mapped(SchemaBuilder.bool(), nullable(ResultSet::getBoolean)));
      case Types.BOOLEAN:
        return Optional.of(new Mapped(SchemaBuilder.bool(), nullable(ResultSet::getBoolean)));
      case Types.TINYINT:
        return Optional.of(new Mapped(SchemaBuilder.int8(), nullable((rs, c) -> rs.getByte(c))));
      case Types.SMALLINT:
        return Optional.of(new Mapped(SchemaBuilder.int16(), nullable((rs, c) -> rs.getShort(c))));
      case Types.INTEGER:
        return Optional.of(new Mapped(SchemaBuilder.int32(), nullable((rs, c) -> rs.getInt(c))));
      case Types.BIGINT:
        return Optional.of(new Mapped(SchemaBuilder.int64(), nullable((rs, c) -> rs.getLong(c))));
      case Types.REAL:
        return Optional.of(
            new Mapped(SchemaBuilder.float32(), nullable((rs, c) -> rs.getFloat(c))));
      case Types.FLOAT:
      case Types.DOUBLE:
        return Optional.of(
            new Mapped(SchemaBuilder.float64(), nullable((rs, c) -> rs.getDouble(c))));
      case Types.NUMERIC:
      case Types.DECIMAL:
        return Optional.of(numeric(precision, scale, options));
      case Types.CHAR:
      case Types.VARCHAR:
      case Types.LONGVARCHAR:
      case Types.NCHAR:
      case Types.NVARCHAR:
      case Types.LONGNVARCHAR:
      case Types.CLOB:
      case Types.NCLOB:
      case Types.SQLXML:
        return Optional.of(new Mapped(SchemaBuilder.string(), ResultSet::getString));
      case Types.BINARY:
      case Types.VARBINARY:
      case Types.LONGVARBINARY:
      case Types.BLOB:
        return Optional.of(new Mapped(SchemaBuilder.bytes(), ResultSet::getBytes));
      case Types.DATE:
        if (options.dialect() == DialectKind.ORACLE) {
          // Oracle's DATE holds a time of day too.
          return Optional.of(timestamp(options, false));
        }
        return Optional.of(new Mapped(Date.builder(), date(options)));
      case Types.TIME:
      case Types.TIME_WITH_TIMEZONE:
        return Optional.of(time(options));
      case Types.TIMESTAMP:
        return Optional.of(timestamp(options, lowerType.contains("tz")));
      case Types.TIMESTAMP_WITH_TIMEZONE:
        return Optional.of(timestamp(options, true));
      case Types.ARRAY:
        return array(lowerType, options);
      case Types.OTHER:
        if (lowerType.equals("uuid")) {
          return Optional.of(new Mapped(SchemaBuilder.string().name(UUID), ResultSet::getString));
        }
        if (lowerType.equals("json") || lowerType.equals("jsonb")) {
          return Optional.of(new Mapped(SchemaBuilder.string().name(JSON), ResultSet::getString));
        }
        // interval, inet, enums, ...: their text form.
        return Optional.of(new Mapped(SchemaBuilder.string(), ResultSet::getString));
      default:
        return Optional.empty();
    }
  }

  private static Mapped numeric(int precision, int scale, Options options) {
    boolean undeclared = precision <= 0 || scale == -127 || precision > 1000;
    if (undeclared) {
      return new Mapped(
          SchemaBuilder.string().name(VARIABLE_DECIMAL),
          (rs, c) -> {
            BigDecimal value = rs.getBigDecimal(c);
            return value == null ? null : value.toPlainString();
          });
    }
    if (options.numeric() != NumericMapping.NONE && scale <= 0) {
      int digits = precision - scale;
      if (digits < 3) {
        return new Mapped(SchemaBuilder.int8(), nullable((rs, c) -> rs.getByte(c)));
      } else if (digits < 5) {
        return new Mapped(SchemaBuilder.int16(), nullable((rs, c) -> rs.getShort(c)));
      } else if (digits < 10) {
        return new Mapped(SchemaBuilder.int32(), nullable((rs, c) -> rs.getInt(c)));
      } else if (digits < 19) {
        return new Mapped(SchemaBuilder.int64(), nullable((rs, c) -> rs.getLong(c)));
      }
    }
    if (options.numeric() == NumericMapping.BEST_FIT && scale > 0 && precision <= 15) {
      return new Mapped(SchemaBuilder.float64(), nullable((rs, c) -> rs.getDouble(c)));
    }
    // The declared precision travels as a parameter (as Confluent's source sends it), so a sink
    // that creates the table declares NUMERIC(p,s) again instead of an unbounded precision.
    return new Mapped(
        Decimal.builder(scale).parameter(DECIMAL_PRECISION_PARAMETER, Integer.toString(precision)),
        (rs, c) -> {
          BigDecimal value = rs.getBigDecimal(c);
          return value == null ? null : value.setScale(scale, java.math.RoundingMode.UNNECESSARY);
        });
  }

  private static ColumnReader date(Options options) {
    return (rs, c) -> {
      java.sql.Date value = rs.getDate(c, options.calendar());
      if (value == null) {
        return null;
      }
      LocalDate day = value.toLocalDate();
      return java.util.Date.from(day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    };
  }

  private static Mapped time(Options options) {
    ColumnReader local =
        (rs, c) -> {
          try {
            return rs.getObject(c, LocalTime.class);
          } catch (SQLException e) {
            java.sql.Time value = rs.getTime(c, options.calendar());
            return value == null ? null : value.toLocalTime();
          }
        };
    if (options.time() == TimePrecision.MICROS) {
      return new Mapped(
          SchemaBuilder.int64().name(MICRO_TIME),
          (rs, c) -> {
            LocalTime t = (LocalTime) local.read(rs, c);
            return t == null ? null : t.toNanoOfDay() / 1000;
          });
    }
    return new Mapped(
        Time.builder(),
        (rs, c) -> {
          LocalTime t = (LocalTime) local.read(rs, c);
          return t == null ? null : new java.util.Date(t.toNanoOfDay() / 1_000_000);
        });
  }

  private static Mapped timestamp(Options options, boolean withZone) {
    ColumnReader instant =
        (rs, c) -> {
          Timestamp value =
              withZone
                  ? rs.getTimestamp(c, Calendar.getInstance(TimeZone.getTimeZone("UTC")))
                  : rs.getTimestamp(c, options.calendar());
          return value == null ? null : value.toInstant();
        };
    if (options.granularity() != TimestampGranularity.CONNECT_LOGICAL) {
      return nanosTimestamp(instant, options);
    }
    if (options.time() == TimePrecision.MICROS) {
      return new Mapped(
          SchemaBuilder.int64().name(MICRO_TIMESTAMP),
          (rs, c) -> {
            java.time.Instant i = (java.time.Instant) instant.read(rs, c);
            return i == null ? null : ChronoUnit.MICROS.between(java.time.Instant.EPOCH, i);
          });
    }
    return new Mapped(
        org.apache.kafka.connect.data.Timestamp.builder(),
        (rs, c) -> {
          java.time.Instant i = (java.time.Instant) instant.read(rs, c);
          return i == null ? null : java.util.Date.from(i);
        });
  }

  private static final java.time.format.DateTimeFormatter ISO_NANOS =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS", Locale.ROOT);

  /** {@code timestamp.granularity}'s nanosecond forms of a timestamp. */
  private static Mapped nanosTimestamp(ColumnReader instant, Options options) {
    ColumnReader nanos =
        (rs, c) -> {
          java.time.Instant i = (java.time.Instant) instant.read(rs, c);
          return i == null
              ? null
              : Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        };
    return switch (options.granularity()) {
      case NANOS_LONG -> new Mapped(SchemaBuilder.int64(), nanos);
      case NANOS_STRING ->
          new Mapped(
              SchemaBuilder.string(),
              (rs, c) -> {
                Object value = nanos.read(rs, c);
                return value == null ? null : value.toString();
              });
      case NANOS_ISO_DATETIME_STRING ->
          new Mapped(
              SchemaBuilder.string(),
              (rs, c) -> {
                java.time.Instant i = (java.time.Instant) instant.read(rs, c);
                return i == null ? null : ISO_NANOS.format(i.atZone(options.dbZone()));
              });
      case CONNECT_LOGICAL -> throw new IllegalStateException("not a nanosecond granularity");
    };
  }

  private static Optional<Mapped> array(String typeName, Options options) {
    // PostgreSQL names array types after their element with a leading underscore.
    String element = typeName.startsWith("_") ? typeName.substring(1) : "";
    SchemaBuilder elementSchema;
    java.util.function.Function<Object, Object> convert;
    switch (element) {
      case "int2" -> {
        elementSchema = SchemaBuilder.int16();
        convert = o -> ((Number) o).shortValue();
      }
      case "int4" -> {
        elementSchema = SchemaBuilder.int32();
        convert = o -> ((Number) o).intValue();
      }
      case "int8" -> {
        elementSchema = SchemaBuilder.int64();
        convert = o -> ((Number) o).longValue();
      }
      case "float4" -> {
        elementSchema = SchemaBuilder.float32();
        convert = o -> ((Number) o).floatValue();
      }
      case "float8" -> {
        elementSchema = SchemaBuilder.float64();
        convert = o -> ((Number) o).doubleValue();
      }
      case "bool" -> {
        elementSchema = SchemaBuilder.bool();
        convert = o -> o;
      }
      case "text", "varchar", "bpchar", "name", "uuid", "json", "jsonb" -> {
        elementSchema = SchemaBuilder.string();
        convert = Object::toString;
      }
      case "numeric" -> {
        elementSchema = SchemaBuilder.string().name(VARIABLE_DECIMAL);
        convert = o -> ((BigDecimal) o).toPlainString();
      }
      default -> {
        return Optional.empty();
      }
    }
    Schema elementBuilt = elementSchema.optional().build();
    return Optional.of(
        new Mapped(
            SchemaBuilder.array(elementBuilt),
            (rs, c) -> {
              Array array = rs.getArray(c);
              if (array == null) {
                return null;
              }
              Object[] values = (Object[]) array.getArray();
              List<Object> out = new ArrayList<>(values.length);
              for (Object v : values) {
                out.add(v == null ? null : convert.apply(v));
              }
              array.free();
              return out;
            }));
  }

  /** Primitive getters return 0 for NULL: ask wasNull. */
  private static ColumnReader nullable(ColumnReader primitive) {
    return (rs, c) -> {
      Object value = primitive.read(rs, c);
      return rs.wasNull() ? null : value;
    };
  }

  /** A rough size of a value in bytes, for throttle.bytes.per.second. */
  static int approximateSize(Object value) {
    if (value == null) {
      return 1;
    }
    if (value instanceof String s) {
      return s.length();
    }
    if (value instanceof byte[] b) {
      return b.length;
    }
    if (value instanceof BigDecimal d) {
      return d.unscaledValue().bitLength() / 8 + 1;
    }
    if (value instanceof BigInteger i) {
      return i.bitLength() / 8 + 1;
    }
    if (value instanceof List<?> list) {
      int size = 0;
      for (Object o : list) {
        size += approximateSize(o);
      }
      return size;
    }
    return 8;
  }
}
