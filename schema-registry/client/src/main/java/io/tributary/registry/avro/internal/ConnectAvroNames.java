package io.tributary.registry.avro.internal;

/**
 * The names through which Connect schema details survive in Avro schemas, as Confluent's Avro
 * converter writes them, so schemas written by either converter read the same in the other.
 */
public final class ConnectAvroNames {
  /** Namespace of the converter's own Avro names. */
  public static final String NAMESPACE = "io.confluent.connect.avro";

  /** Record name given to a struct without a Connect name (numbered after the first). */
  public static final String DEFAULT_RECORD_NAME = "ConnectDefault";

  /** Record of key/value pairs standing for a map whose keys are not strings. */
  public static final String MAP_ENTRY_NAME = "MapEntry";

  public static final String MAP_KEY_FIELD = "key";
  public static final String MAP_VALUE_FIELD = "value";

  /** Avro property holding the Connect schema name. */
  public static final String CONNECT_NAME = "connect.name";

  /** Avro property holding the Connect schema doc. */
  public static final String CONNECT_DOC = "connect.doc";

  /** Avro property holding the Connect schema version (a number). */
  public static final String CONNECT_VERSION = "connect.version";

  /** Avro property holding the Connect schema's default value. */
  public static final String CONNECT_DEFAULT = "connect.default";

  /** Avro property holding the Connect schema parameters (an object of strings). */
  public static final String CONNECT_PARAMETERS = "connect.parameters";

  /** Avro property marking a record that is a map entry although it is named otherwise. */
  public static final String CONNECT_INTERNAL_TYPE = "connect.internal.type";

  /** Avro property giving the Connect type of an Avro int: int8 or int16. */
  public static final String CONNECT_TYPE = "connect.type";

  public static final String CONNECT_TYPE_INT8 = "int8";
  public static final String CONNECT_TYPE_INT16 = "int16";

  /** Connect parameter naming the Avro enum a string schema stands for. */
  public static final String ENUM = NAMESPACE + ".Enum";

  /** Prefix of the Connect parameters listing the enum's symbols. */
  public static final String ENUM_SYMBOL_PREFIX = ENUM + ".";

  /** Prefix (+ enum name) of the Connect parameter holding an enum's doc. */
  public static final String ENUM_DOC_PREFIX = NAMESPACE + ".enum.doc.";

  /** Prefix (+ enum name) of the Connect parameter holding an enum's default symbol. */
  public static final String ENUM_DEFAULT_PREFIX = NAMESPACE + ".enum.default.";

  /** Connect parameter holding an Avro record's doc. */
  public static final String RECORD_DOC = NAMESPACE + ".record.doc";

  /** Prefix (+ field name) of the Connect parameter holding an Avro field's doc. */
  public static final String FIELD_DOC_PREFIX = NAMESPACE + ".field.doc.";

  /**
   * Connect parameter marking a default that came from an Avro field default (so it is not written
   * back as {@code connect.default}).
   */
  public static final String FIELD_DEFAULT_FLAG = NAMESPACE + ".field.default";

  /** Avro properties with this prefix travel as Connect parameters and back. */
  public static final String AVRO_PROPERTY_PREFIX = "avro";

  /** Name of the Connect struct standing for a general Avro union (one field per branch). */
  public static final String UNION = NAMESPACE + ".Union";

  /** Connect parameter of a Decimal schema carrying the Avro decimal precision. */
  public static final String DECIMAL_PRECISION = "connect.decimal.precision";

  /** Precision used when a Connect Decimal has none. */
  public static final int DECIMAL_PRECISION_DEFAULT = 64;

  private ConnectAvroNames() {}
}
