package io.tributary.registry.avro;

import io.tributary.registry.avro.internal.AvroValuesToConnect;
import io.tributary.registry.avro.internal.ConnectValuesToAvro;
import io.tributary.registry.avro.internal.FromConnect;
import io.tributary.registry.avro.internal.ToConnect;
import io.tributary.registry.client.internal.BoundedCache;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * Converts Connect schemas and values to Avro schemas and generic values and back, the way
 * Confluent's Avro converter does, so data and schemas written by either read the same:
 *
 * <ul>
 *   <li>int8 and int16 become Avro {@code int} with {@code connect.type}; the Connect name,
 *       version, doc, parameters and default travel as {@code connect.name}, {@code
 *       connect.version}, {@code connect.doc}, {@code connect.parameters}, {@code connect.default};
 *   <li>Decimal becomes {@code bytes} with the {@code decimal} logical type (precision from the
 *       {@code connect.decimal.precision} parameter, else 64), Date {@code int}/{@code date}, Time
 *       {@code int}/{@code time-millis}, Timestamp {@code long}/{@code timestamp-millis};
 *   <li>optional schemas become unions with null (null first, default null; a non-null default puts
 *       its type first);
 *   <li>maps with non-optional string keys become Avro maps, other maps arrays of {@code
 *       io.confluent.connect.avro.MapEntry} key/value records;
 *   <li>structs become records (unnamed ones {@code io.confluent.connect.avro.ConnectDefault});
 *       Avro enums become strings with the {@code io.confluent.connect.avro.Enum} parameters and
 *       back into the same enum; general unions become {@code io.confluent.connect.avro.Union}
 *       structs.
 * </ul>
 *
 * <p>Schema conversions are cached (bounded, least recently used first out). Thread-safe.
 */
public final class AvroData {

  private final BoundedCache<Schema, org.apache.avro.Schema> avroSchemas;
  private final BoundedCache<VersionedSchema, Schema> connectSchemas;

  /** The last conversion, checked by identity first: records mostly share one schema object. */
  private volatile Converted last;

  private record Converted(Schema connect, org.apache.avro.Schema avro) {}

  private record VersionedSchema(org.apache.avro.Schema schema, Integer version) {}

  /** Creates a converter caching up to {@code cacheSize} schemas each way. */
  public AvroData(int cacheSize) {
    this.avroSchemas = new BoundedCache<>(cacheSize);
    this.connectSchemas = new BoundedCache<>(cacheSize);
  }

  /** The Avro schema for a Connect schema. */
  public org.apache.avro.Schema fromConnectSchema(Schema schema) {
    if (schema == null) {
      return new FromConnect().schema(null); // throws, explaining why
    }
    Converted previous = last;
    if (previous != null && previous.connect() == schema) {
      return previous.avro();
    }
    org.apache.avro.Schema avro =
        avroSchemas.computeIfAbsent(schema, s -> new FromConnect().schema(s));
    last = new Converted(schema, avro);
    return avro;
  }

  /** The Avro generic value of {@code value}, whose Connect schema is {@code schema}. */
  public Object fromConnectData(Schema schema, Object value) {
    return fromConnectData(schema, fromConnectSchema(schema), value);
  }

  /** The Avro generic value of {@code value} for an already converted {@code avroSchema}. */
  public Object fromConnectData(Schema schema, org.apache.avro.Schema avroSchema, Object value) {
    return ConnectValuesToAvro.value(schema, avroSchema, value);
  }

  /** The Connect schema for an Avro schema. */
  public Schema toConnectSchema(org.apache.avro.Schema avroSchema) {
    return toConnectSchema(avroSchema, null);
  }

  /**
   * The Connect schema for an Avro schema registered as {@code version} of its subject: the version
   * becomes the Connect schema's version unless the Avro schema carries {@code connect.version}.
   */
  public Schema toConnectSchema(org.apache.avro.Schema avroSchema, Integer version) {
    ConvertedBack previous = lastBack;
    if (previous != null
        && previous.avro() == avroSchema
        && java.util.Objects.equals(previous.version(), version)) {
      return previous.connect();
    }
    Schema connect =
        connectSchemas.computeIfAbsent(
            new VersionedSchema(avroSchema, version),
            key -> new ToConnect().schema(key.schema(), key.version()));
    lastBack = new ConvertedBack(avroSchema, version, connect);
    return connect;
  }

  /** The last conversion back to Connect, checked by identity first like {@link #last}. */
  private record ConvertedBack(org.apache.avro.Schema avro, Integer version, Schema connect) {}

  private volatile ConvertedBack lastBack;

  /** The Connect schema and value of an Avro generic datum written with {@code avroSchema}. */
  public SchemaAndValue toConnectData(org.apache.avro.Schema avroSchema, Object datum) {
    return toConnectData(avroSchema, datum, null);
  }

  /** Like {@link #toConnectData(org.apache.avro.Schema, Object)}, with the registry version. */
  public SchemaAndValue toConnectData(
      org.apache.avro.Schema avroSchema, Object datum, Integer version) {
    Schema schema = toConnectSchema(avroSchema, version);
    return new SchemaAndValue(schema, AvroValuesToConnect.value(schema, avroSchema, datum));
  }
}
