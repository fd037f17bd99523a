package io.tributary.registry.serde.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.registry.client.RestClientException;
import io.tributary.registry.client.SchemaMetadata;
import io.tributary.registry.client.SchemaRegistryClient;
import io.tributary.registry.client.SchemaRegistryClients;
import io.tributary.registry.client.SchemaRegistryUnavailableException;
import io.tributary.registry.client.internal.BoundedCache;
import io.tributary.registry.serde.AvroSerdeConfig;
import io.tributary.registry.subject.SubjectNameStrategy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * What the serializer, deserializer and converter share: choosing the subject, registering or
 * looking up the schema, and the wire format in both directions. Thread-safe.
 */
public final class AvroSerdeSupport {

  /** A deserialized record: the writer's schema id and schema, and the datum. */
  public record Decoded(int schemaId, Schema writerSchema, Object datum) {}

  private final SchemaRegistryClient client;
  private final boolean ownsClient;
  private final AvroSerdeConfig config;
  private final SubjectNameStrategy strategy;
  private final boolean isKey;
  private final boolean autoRegister;
  private final boolean useLatestVersion;
  private final boolean normalize;
  private final boolean specificReader;
  private final BoundedCache<List<Object>, Schema> specificReaderSchemas = new BoundedCache<>(1000);
  private final BoundedCache<List<Object>, Optional<Integer>> versions = new BoundedCache<>(1000);

  /**
   * The support a serializer, deserializer or converter builds in its {@code configure}: settings
   * from {@code configs} ({@link AvroSerdeConfig}'s keys), the registry client {@code presetClient}
   * when it is not null (it stays the caller's: {@link #close()} leaves it open), else one made
   * from {@code schema.registry.url} and closed by {@link #close()}.
   */
  public static AvroSerdeSupport configure(
      SchemaRegistryClient presetClient, Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = new AvroSerdeConfig(configs);
    boolean ownsClient = presetClient == null;
    SchemaRegistryClient client =
        ownsClient ? SchemaRegistryClients.fromConfig(configs) : presetClient;
    return new AvroSerdeSupport(client, ownsClient, config, isKey);
  }

  private AvroSerdeSupport(
      SchemaRegistryClient client, boolean ownsClient, AvroSerdeConfig config, boolean isKey) {
    this.client = requireNonNull(client, "client is null");
    this.ownsClient = ownsClient;
    this.config = config;
    this.strategy = config.subjectNameStrategy(isKey);
    this.isKey = isKey;
    this.autoRegister = config.getBoolean(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG);
    this.useLatestVersion = config.getBoolean(AvroSerdeConfig.USE_LATEST_VERSION_CONFIG);
    this.normalize = config.getBoolean(AvroSerdeConfig.NORMALIZE_SCHEMAS_CONFIG);
    this.specificReader = config.getBoolean(AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG);
  }

  /** The settings. */
  public AvroSerdeConfig config() {
    return config;
  }

  /** Closes the registry client if this support made it (not one the caller passed in). */
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  /** The id of the schema last written (not with use.latest.version), checked by identity. */
  private record Registered(String subject, Schema schema, int id) {}

  private volatile Registered lastRegistered;

  /** Encodes {@code datum}, whose Avro schema is {@code schema}, in the wire format. */
  public byte[] serialize(String topic, Schema schema, Object datum) {
    String subject = strategy.subjectName(topic, isKey, schema);
    int id;
    Schema writeSchema = schema;
    Registered previous = lastRegistered;
    try {
      if (previous != null && previous.schema() == schema && previous.subject().equals(subject)) {
        id = previous.id();
      } else if (autoRegister || !useLatestVersion) {
        id =
            autoRegister
                ? client.register(subject, schema, normalize)
                : client.getId(subject, schema, normalize);
        lastRegistered = new Registered(subject, schema, id);
      } else {
        SchemaMetadata latest = client.getLatestSchemaMetadata(subject);
        id = latest.id();
        writeSchema = client.getSchemaById(id);
      }
    } catch (RestClientException | SchemaRegistryUnavailableException e) {
      throw new SerializationException(
          "Cannot "
              + (autoRegister ? "register" : "look up")
              + " the Avro schema of the "
              + what(topic)
              + " under subject '"
              + subject
              + "': "
              + e.getMessage()
              + (autoRegister
                  ? ""
                  : ". With auto.register.schemas=false the schema must already be registered"
                      + " under that subject."),
          e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(WireFormat.header(id));
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      Object avroDatum = datum instanceof byte[] b ? ByteBuffer.wrap(b) : datum;
      if (!writeSchema.equals(schema)) {
        avroDatum = resolve(schema, writeSchema, avroDatum);
      }
      writerFor(writeSchema, avroDatum).write(avroDatum, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot encode the "
              + what(topic)
              + " with Avro schema "
              + writeSchema.getFullName()
              + ": "
              + e.getMessage(),
          e);
    }
    return out.toByteArray();
  }

  /**
   * The version under which the writer schema of a record of {@code topic} is registered in the
   * subject this support's strategy names, or null when it is not registered there (a record
   * written under another subject); remembered per topic and id, found or not.
   */
  public Integer registeredVersion(String topic, Decoded decoded) {
    Version previous = lastVersion;
    if (previous != null
        && previous.schemaId() == decoded.schemaId()
        && previous.topic().equals(topic)) {
      return previous.version();
    }
    Integer version = lookUpVersion(topic, decoded);
    lastVersion = new Version(topic, decoded.schemaId(), version);
    return version;
  }

  /** The version last looked up, for a topic and schema id (null: not registered there). */
  private record Version(String topic, int schemaId, Integer version) {}

  private volatile Version lastVersion;

  private Integer lookUpVersion(String topic, Decoded decoded) {
    List<Object> key = List.of(topic, decoded.schemaId());
    return versions
        .computeIfAbsent(
            key,
            unused -> {
              String subject = strategy.subjectName(topic, isKey, decoded.writerSchema());
              try {
                return Optional.of(client.getVersion(subject, decoded.writerSchema()));
              } catch (RestClientException e) {
                if (e.status() == 404) {
                  return Optional.empty();
                }
                throw new SerializationException(
                    "Cannot look up the version of schema id "
                        + decoded.schemaId()
                        + " under subject '"
                        + subject
                        + "': "
                        + e.getMessage(),
                    e);
              } catch (SchemaRegistryUnavailableException e) {
                throw new SerializationException(e.getMessage(), e);
              }
            })
        .orElse(null);
  }

  /**
   * The datum as Avro's schema resolution reads it under {@code target} (fields the datum lacks
   * take their defaults), for writing with a registered schema other than the datum's own.
   */
  private static Object resolve(Schema source, Schema target, Object datum) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(buffer, null);
    writer(source, datum).write(datum, encoder);
    encoder.flush();
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(buffer.toByteArray(), null);
    return new GenericDatumReader<>(source, target).read(null, decoder);
  }

  /** Decodes wire-format {@code data} of {@code topic}. */
  public Decoded deserialize(String topic, byte[] data) {
    int id = WireFormat.schemaId(data, what(topic));
    Reading previous = lastReading;
    if (previous != null && previous.id() == id) {
      return decode(topic, id, previous.writer(), previous.reader(), data);
    }
    Schema writer;
    try {
      writer = client.getSchemaById(id);
    } catch (RestClientException e) {
      if (e.errorCode() == RestClientException.SCHEMA_NOT_FOUND) {
        throw new SerializationException(
            "Schema id "
                + id
                + " of the "
                + what(topic)
                + " is unknown to the schema registry. Check that the consumer uses the same"
                + " schema.registry.url as the producer, and that the data is in the registry's"
                + " wire format.",
            e);
      }
      throw new SerializationException(
          "Cannot fetch schema id " + id + " for the " + what(topic) + ": " + e.getMessage(), e);
    } catch (SchemaRegistryUnavailableException e) {
      throw new SerializationException(
          "Cannot fetch schema id " + id + " for the " + what(topic) + ": " + e.getMessage(), e);
    }
    DatumReader<Object> reader = reader(writer);
    if (reader instanceof GenericDatumReader<Object> && !(reader instanceof SpecificDatumReader)) {
      // A generic reader depends on the writer schema only (ids never change their schema).
      lastReading = new Reading(id, writer, reader);
    }
    return decode(topic, id, writer, reader, data);
  }

  /** The reader last used for a schema id (generic readers only; they are thread-safe). */
  private record Reading(int id, Schema writer, DatumReader<Object> reader) {}

  private volatile Reading lastReading;

  private Decoded decode(
      String topic, int id, Schema writer, DatumReader<Object> reader, byte[] data) {
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
      Object datum = reader.read(null, decoder);
      return new Decoded(id, writer, topLevel(writer, datum));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot decode the " + what(topic) + " with schema id " + id + ": " + e.getMessage(), e);
    }
  }

  /** Top-level strings and bytes come back as String and byte[], as users expect. */
  private static Object topLevel(Schema writer, Object datum) {
    if (writer.getType() == Schema.Type.STRING && datum instanceof CharSequence chars) {
      return chars.toString();
    }
    if (writer.getType() == Schema.Type.BYTES && datum instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return bytes;
    }
    return datum;
  }

  /** The generic writer last used, by schema identity (generic writers are thread-safe). */
  private record Writing(Schema schema, DatumWriter<Object> writer) {}

  private volatile Writing lastWriting;

  private DatumWriter<Object> writerFor(Schema schema, Object datum) {
    if (datum instanceof SpecificRecord) {
      return writer(schema, datum);
    }
    Writing previous = lastWriting;
    if (previous != null && previous.schema() == schema) {
      return previous.writer();
    }
    DatumWriter<Object> writer = writer(schema, datum);
    lastWriting = new Writing(schema, writer);
    return writer;
  }

  private static DatumWriter<Object> writer(Schema schema, Object datum) {
    if (datum instanceof SpecificRecord) {
      return new SpecificDatumWriter<>(schema);
    }
    return new GenericDatumWriter<>(schema);
  }

  private DatumReader<Object> reader(Schema writer) {
    if (!specificReader
        || writer.getType() != Schema.Type.RECORD && writer.getType() != Schema.Type.ENUM) {
      return new GenericDatumReader<>(writer);
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    SpecificData data = new SpecificData(loader == null ? getClass().getClassLoader() : loader);
    Schema reader =
        specificReaderSchemas.computeIfAbsent(
            List.of(writer, data.getClassLoader()),
            key -> {
              Class<?> type = data.getClass(writer);
              if (type == null) {
                throw new SerializationException(
                    "specific.avro.reader=true but no class "
                        + writer.getFullName()
                        + " (generated from the writer schema) is on the class path; generate"
                        + " it or set specific.avro.reader=false for GenericRecord");
              }
              return data.getSchema(type);
            });
    return new SpecificDatumReader<>(writer, reader, data);
  }

  private String what(String topic) {
    return (isKey ? "key" : "value") + " of topic '" + topic + "'";
  }
}
