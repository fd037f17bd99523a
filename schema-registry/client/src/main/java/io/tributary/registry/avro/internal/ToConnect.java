package io.tributary.registry.avro.internal;

import static io.tributary.registry.avro.internal.ConnectAvroNames.CONNECT_DEFAULT;
import static io.tributary.registry.avro.internal.ConnectAvroNames.CONNECT_DOC;
import static io.tributary.registry.avro.internal.ConnectAvroNames.CONNECT_NAME;
import static io.tributary.registry.avro.internal.ConnectAvroNames.CONNECT_PARAMETERS;
import static io.tributary.registry.avro.internal.ConnectAvroNames.CONNECT_TYPE;
import static io.tributary.registry.avro.internal.ConnectAvroNames.CONNECT_VERSION;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Avro schemas to Connect schemas (values: {@link AvroValuesToConnect}), reading the {@code
 * connect.*} properties {@link FromConnect} writes so that round trips give back the original
 * Connect schema. Not thread-safe; use one instance per conversion.
 */
public final class ToConnect {

  private final Set<String> recordsInProgress = new HashSet<>();

  /**
   * The Connect schema for a top-level Avro schema.
   *
   * @param registryVersion the schema's version under its subject, used as the Connect version when
   *     the Avro schema has no {@code connect.version}; may be null
   */
  public Schema schema(org.apache.avro.Schema avro, Integer registryVersion) {
    return schema(avro, null, registryVersion);
  }

  private Schema nested(org.apache.avro.Schema avro, Object fieldDefault) {
    return schema(avro, fieldDefault, null);
  }

  /**
   * The Connect schema for {@code avro}; {@code fieldDefault} is the Avro field default (Avro's
   * Java form), or null.
   */
  private Schema schema(org.apache.avro.Schema avro, Object fieldDefault, Integer version) {
    boolean optional = false;
    org.apache.avro.Schema base = avro;
    if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
      List<org.apache.avro.Schema> types = avro.getTypes();
      if (types.size() == 2 && types.get(0).getType() == org.apache.avro.Schema.Type.NULL) {
        optional = true;
        base = types.get(1);
      } else if (types.size() == 2 && types.get(1).getType() == org.apache.avro.Schema.Type.NULL) {
        optional = true;
        base = types.get(0);
      }
    }
    SchemaBuilder builder = builder(base);
    if (base.getType() != org.apache.avro.Schema.Type.UNION) {
      annotate(base, builder);
      if (version != null && builder.version() == null) {
        builder.version(version);
      }
    } else if (base.getTypes().stream()
        .anyMatch(t -> t.getType() == org.apache.avro.Schema.Type.NULL)) {
      optional = true;
    }
    if (optional) {
      builder.optional();
    }
    Object defaultValue =
        fieldDefault != null && fieldDefault != JsonProperties.NULL_VALUE
            ? fieldDefault
            : base.getObjectProp(CONNECT_DEFAULT);
    if (defaultValue != null && defaultValue != JsonProperties.NULL_VALUE) {
      if (defaultValue == fieldDefault && base.getObjectProp(CONNECT_DEFAULT) == null) {
        builder.parameter(ConnectAvroNames.FIELD_DEFAULT_FLAG, "true");
      }
      Object connectDefault;
      if (builder.type() == Schema.Type.STRUCT) {
        connectDefault = defaultValue(builder, defaultValue);
      } else {
        connectDefault = defaultValue(builder.build(), defaultValue);
      }
      builder.defaultValue(connectDefault);
    }
    return builder.build();
  }

  private SchemaBuilder builder(org.apache.avro.Schema avro) {
    LogicalType logical = avro.getLogicalType();
    return switch (avro.getType()) {
      case BOOLEAN -> SchemaBuilder.bool();
      case INT -> {
        String connectType = avro.getProp(CONNECT_TYPE);
        if (ConnectAvroNames.CONNECT_TYPE_INT8.equals(connectType)) {
          yield SchemaBuilder.int8();
        } else if (ConnectAvroNames.CONNECT_TYPE_INT16.equals(connectType)) {
          yield SchemaBuilder.int16();
        } else if (logical instanceof LogicalTypes.Date) {
          yield Date.builder();
        } else if (logical instanceof LogicalTypes.TimeMillis) {
          yield Time.builder();
        }
        yield SchemaBuilder.int32();
      }
      case LONG ->
          logical instanceof LogicalTypes.TimestampMillis
              ? Timestamp.builder()
              : SchemaBuilder.int64();
      case FLOAT -> SchemaBuilder.float32();
      case DOUBLE -> SchemaBuilder.float64();
      case STRING -> SchemaBuilder.string();
      case ENUM -> enumBuilder(avro);
      case BYTES, FIXED -> bytesBuilder(avro, logical);
      case ARRAY -> {
        org.apache.avro.Schema element = avro.getElementType();
        if (isMapEntry(element)) {
          yield SchemaBuilder.map(
              fieldSchema(element.getField(ConnectAvroNames.MAP_KEY_FIELD)),
              fieldSchema(element.getField(ConnectAvroNames.MAP_VALUE_FIELD)));
        }
        yield SchemaBuilder.array(nested(element, null));
      }
      case MAP -> SchemaBuilder.map(Schema.STRING_SCHEMA, nested(avro.getValueType(), null));
      case RECORD -> recordBuilder(avro);
      case UNION -> unionBuilder(avro);
      case NULL ->
          throw new DataException(
              "An Avro null schema has no Connect equivalent outside a union with another type");
    };
  }

  private static SchemaBuilder bytesBuilder(org.apache.avro.Schema avro, LogicalType logical) {
    if (logical instanceof LogicalTypes.Decimal decimal) {
      SchemaBuilder builder = Decimal.builder(decimal.getScale());
      if (decimal.getPrecision() != ConnectAvroNames.DECIMAL_PRECISION_DEFAULT) {
        builder.parameter(
            ConnectAvroNames.DECIMAL_PRECISION, Integer.toString(decimal.getPrecision()));
      }
      return builder;
    }
    if ("decimal".equals(avro.getProp("logicalType")) && avro.getObjectProp("scale") != null) {
      // A decimal outside Avro's rules (scale above precision), kept as plain properties.
      return Decimal.builder(((Number) avro.getObjectProp("scale")).intValue());
    }
    return SchemaBuilder.bytes();
  }

  private static SchemaBuilder enumBuilder(org.apache.avro.Schema avro) {
    SchemaBuilder builder = SchemaBuilder.string();
    // An enum written from Connect keeps its Connect name (or none); others are named after it.
    if (avro.getProp(CONNECT_NAME) == null && avro.getObjectProp(CONNECT_PARAMETERS) == null) {
      builder.name(avro.getFullName());
    }
    builder.parameter(ConnectAvroNames.ENUM, avro.getFullName());
    for (String symbol : avro.getEnumSymbols()) {
      builder.parameter(ConnectAvroNames.ENUM_SYMBOL_PREFIX + symbol, symbol);
    }
    if (avro.getDoc() != null) {
      builder.parameter(ConnectAvroNames.ENUM_DOC_PREFIX + avro.getName(), avro.getDoc());
    }
    if (avro.getEnumDefault() != null) {
      builder.parameter(
          ConnectAvroNames.ENUM_DEFAULT_PREFIX + avro.getName(), avro.getEnumDefault());
    }
    return builder;
  }

  private SchemaBuilder recordBuilder(org.apache.avro.Schema avro) {
    String fullName = avro.getFullName();
    if (!recordsInProgress.add(fullName)) {
      throw new DataException(
          "Avro record " + fullName + " refers to itself; Connect schemas cannot be recursive");
    }
    try {
      SchemaBuilder builder = SchemaBuilder.struct();
      if (!isDefaultRecordName(avro)) {
        builder.name(fullName);
      }
      if (avro.getDoc() != null) {
        builder.parameter(ConnectAvroNames.RECORD_DOC, avro.getDoc());
      }
      for (org.apache.avro.Schema.Field field : avro.getFields()) {
        if (field.doc() != null) {
          builder.parameter(ConnectAvroNames.FIELD_DOC_PREFIX + field.name(), field.doc());
        }
        builder.field(field.name(), fieldSchema(field));
      }
      return builder;
    } finally {
      recordsInProgress.remove(fullName);
    }
  }

  private SchemaBuilder unionBuilder(org.apache.avro.Schema avro) {
    SchemaBuilder builder = SchemaBuilder.struct().name(ConnectAvroNames.UNION);
    for (org.apache.avro.Schema branch : avro.getTypes()) {
      if (branch.getType() == org.apache.avro.Schema.Type.NULL) {
        continue;
      }
      String name = branch.getName();
      if (builder.field(name) != null) {
        throw new DataException(
            "Avro union " + avro + " has two branches named '" + name + "'; not representable");
      }
      SchemaBuilder branchBuilder = builder(branch);
      annotate(branch, branchBuilder);
      builder.field(name, branchBuilder.optional().build());
    }
    return builder;
  }

  private Schema fieldSchema(org.apache.avro.Schema.Field field) {
    return nested(field.schema(), field.hasDefaultValue() ? field.defaultVal() : null);
  }

  private static boolean isDefaultRecordName(org.apache.avro.Schema avro) {
    return avro.getProp(CONNECT_NAME) == null
        && ConnectAvroNames.NAMESPACE.equals(avro.getNamespace())
        && avro.getName().matches(ConnectAvroNames.DEFAULT_RECORD_NAME + "[0-9]*");
  }

  static boolean isMapEntry(org.apache.avro.Schema avro) {
    if (avro.getType() != org.apache.avro.Schema.Type.RECORD
        || avro.getField(ConnectAvroNames.MAP_KEY_FIELD) == null
        || avro.getField(ConnectAvroNames.MAP_VALUE_FIELD) == null) {
      return false;
    }
    return ConnectAvroNames.NAMESPACE.equals(avro.getNamespace())
            && ConnectAvroNames.MAP_ENTRY_NAME.equals(avro.getName())
        || ConnectAvroNames.MAP_ENTRY_NAME.equals(
            avro.getProp(ConnectAvroNames.CONNECT_INTERNAL_TYPE));
  }

  private static void annotate(org.apache.avro.Schema avro, SchemaBuilder builder) {
    String name = avro.getProp(CONNECT_NAME);
    if (name != null && builder.name() == null) {
      builder.name(name);
    }
    Object version = avro.getObjectProp(CONNECT_VERSION);
    if (version instanceof Number number && builder.version() == null) {
      builder.version(number.intValue());
    }
    String doc = avro.getProp(CONNECT_DOC);
    if (doc != null) {
      builder.doc(doc);
    }
    if (avro.getObjectProp(CONNECT_PARAMETERS) instanceof Map<?, ?> params) {
      params.forEach((key, value) -> builder.parameter(key.toString(), String.valueOf(value)));
    }
    avro.getObjectProps()
        .forEach(
            (key, value) -> {
              if (key.startsWith(ConnectAvroNames.AVRO_PROPERTY_PREFIX)) {
                builder.parameter(key, String.valueOf(value));
              }
            });
  }

  /** A default in Avro's Java or JSON form as the Connect value of {@code schema}. */
  private static Object defaultValue(Schema schema, Object json) {
    if (json == null || json == JsonProperties.NULL_VALUE) {
      return null;
    }
    try {
      return switch (schema.type()) {
        case INT8 -> ((Number) json).byteValue();
        case INT16 -> ((Number) json).shortValue();
        case INT32 -> AvroValuesToConnect.logical(schema, ((Number) json).intValue());
        case INT64 -> AvroValuesToConnect.logical(schema, ((Number) json).longValue());
        case FLOAT32 -> ((Number) json).floatValue();
        case FLOAT64 -> ((Number) json).doubleValue();
        case BOOLEAN -> (Boolean) json;
        case STRING -> json.toString();
        case BYTES -> {
          byte[] bytes =
              json instanceof byte[] array
                  ? array
                  : json instanceof ByteBuffer buffer
                      ? toArray(buffer)
                      : json.toString().getBytes(StandardCharsets.ISO_8859_1);
          yield AvroValuesToConnect.logical(schema, bytes);
        }
        case ARRAY -> {
          List<Object> list = new ArrayList<>();
          for (Object element : (List<?>) json) {
            list.add(defaultValue(schema.valueSchema(), element));
          }
          yield list;
        }
        case MAP -> {
          Map<Object, Object> map = new LinkedHashMap<>();
          if (json instanceof Map<?, ?> object) {
            object.forEach((k, v) -> map.put(k.toString(), defaultValue(schema.valueSchema(), v)));
          } else {
            for (Object entry : (List<?>) json) {
              Map<?, ?> pair = (Map<?, ?>) entry;
              map.put(
                  defaultValue(schema.keySchema(), pair.get(ConnectAvroNames.MAP_KEY_FIELD)),
                  defaultValue(schema.valueSchema(), pair.get(ConnectAvroNames.MAP_VALUE_FIELD)));
            }
          }
          yield map;
        }
        case STRUCT -> {
          Map<?, ?> object = (Map<?, ?>) json;
          Struct struct = new Struct(schema);
          for (Field field : schema.fields()) {
            Object fieldJson = object.get(field.name());
            struct.put(
                field,
                fieldJson == null
                    ? field.schema().defaultValue()
                    : defaultValue(field.schema(), fieldJson));
          }
          yield struct;
        }
      };
    } catch (ClassCastException e) {
      throw new DataException("Default value " + json + " does not fit schema " + schema.type(), e);
    }
  }

  static byte[] toArray(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
