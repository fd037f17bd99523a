package io.tributary.registry.server.internal.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of {@link RegistryRecord}s in the {@code _schemas} topic, in Confluent Schema
 * Registry's layout so either registry can read a topic the other wrote.
 *
 * <p>Keys are JSON objects with a {@code keytype} and a {@code magic} number:
 *
 * <ul>
 *   <li>{@code SCHEMA} (magic 1): {@code subject}, {@code version}; value {@code {subject, version,
 *       id, schemaType, references: [{name, subject, version}], schema, deleted}}, a null value
 *       removing the version for good;
 *   <li>{@code CONFIG} / {@code MODE} (magic 0): {@code subject}, absent for the global setting;
 *       value {@code {subject, compatibilityLevel, normalize}} / {@code {subject, mode}}, a null
 *       value deleting the setting;
 *   <li>{@code DELETE_SUBJECT} (magic 0): {@code subject}; value {@code {subject, version}};
 *   <li>{@code NOOP} (magic 0): no other field; null value.
 * </ul>
 *
 * <p>Absent or null fields are left out when writing, as Confluent does. Reading ignores unknown
 * fields; a key this registry does not know (another key type, unreadable JSON) reads as empty with
 * a WARN, so a topic written by a newer registry never stops the reader. Stateless and thread-safe.
 */
public final class RegistryRecordSerde {
  private static final Logger LOGGER = LoggerFactory.getLogger(RegistryRecordSerde.class);

  static final String KEYTYPE = "keytype";
  static final String MAGIC = "magic";
  static final String SUBJECT = "subject";
  static final String VERSION = "version";
  private static final String AVRO = "AVRO";

  private final ObjectMapper mapper = new ObjectMapper();

  /** A record's key and value bytes; {@code value} is null for a tombstone or a NOOP. */
  public record Serialized(byte[] key, byte[] value) {
    public Serialized {
      requireNonNull(key, "key is null");
    }
  }

  /** The key and value that store {@code record}. */
  public Serialized serialize(RegistryRecord record) {
    requireNonNull(record, "record is null");
    if (record instanceof RegistryRecord.SchemaVersion v) {
      ObjectNode value = mapper.createObjectNode();
      value.put(SUBJECT, v.subject());
      value.put(VERSION, v.version());
      value.put("id", v.id());
      value.put("schemaType", v.schemaType());
      if (!v.references().isEmpty()) {
        ArrayNode refs = value.putArray("references");
        for (RegistryRecord.Reference r : v.references()) {
          refs.addObject()
              .put("name", r.name())
              .put(SUBJECT, r.subject())
              .put(VERSION, r.version());
        }
      }
      value.put("schema", v.schema());
      value.put("deleted", v.deleted());
      return new Serialized(schemaKey(v.subject(), v.version()), bytes(value));
    }
    if (record instanceof RegistryRecord.SchemaVersionRemoved r) {
      return new Serialized(schemaKey(r.subject(), r.version()), null);
    }
    if (record instanceof RegistryRecord.CompatibilityConfig c) {
      byte[] key = subjectKey("CONFIG", c.subject());
      if (c.compatibilityLevel() == null) {
        return new Serialized(key, null);
      }
      ObjectNode value = mapper.createObjectNode();
      putIfPresent(value, SUBJECT, c.subject());
      value.put("compatibilityLevel", c.compatibilityLevel());
      if (c.normalize() != null) {
        value.put("normalize", c.normalize());
      }
      return new Serialized(key, bytes(value));
    }
    if (record instanceof RegistryRecord.ModeConfig m) {
      byte[] key = subjectKey("MODE", m.subject());
      if (m.mode() == null) {
        return new Serialized(key, null);
      }
      ObjectNode value = mapper.createObjectNode();
      putIfPresent(value, SUBJECT, m.subject());
      value.put("mode", m.mode());
      return new Serialized(key, bytes(value));
    }
    if (record instanceof RegistryRecord.SubjectDeleted d) {
      ObjectNode value = mapper.createObjectNode();
      value.put(SUBJECT, d.subject());
      value.put(VERSION, d.version());
      return new Serialized(subjectKey("DELETE_SUBJECT", d.subject()), bytes(value));
    }
    if (record instanceof RegistryRecord.Noop) {
      ObjectNode key = mapper.createObjectNode();
      key.put(KEYTYPE, "NOOP");
      key.put(MAGIC, 0);
      return new Serialized(bytes(key), null);
    }
    throw new IllegalArgumentException("Unknown registry record type " + record.getClass());
  }

  /**
   * The record stored under {@code key} with {@code value} (null for a tombstone), or empty for a
   * key this registry does not apply (logged at WARN with {@code where}, e.g. the offset).
   */
  public Optional<RegistryRecord> deserialize(byte[] key, byte[] value, String where) {
    if (key == null) {
      LOGGER.warn("Skipping the record at {}: it has no key", where);
      return Optional.empty();
    }
    try {
      JsonNode k = mapper.readTree(key);
      if (k == null || !k.isObject()) {
        LOGGER.warn("Skipping the record at {}: its key is not a JSON object", where);
        return Optional.empty();
      }
      String keytype = text(k, KEYTYPE);
      JsonNode v = value == null ? null : mapper.readTree(value);
      if (v != null && v.isNull()) {
        v = null;
      }
      Optional<RegistryRecord> record = read(keytype == null ? "" : keytype, k, v);
      if (record.isEmpty()) {
        LOGGER.warn(
            "Skipping the record at {} with key type '{}': not applied here", where, keytype);
      }
      return record;
    } catch (IOException | RuntimeException e) {
      LOGGER.warn("Skipping the record at {}: it cannot be read ({})", where, e.toString());
      return Optional.empty();
    }
  }

  private Optional<RegistryRecord> read(String keytype, JsonNode key, JsonNode value) {
    switch (keytype) {
      case "SCHEMA":
        {
          String subject = required(key, SUBJECT);
          int version = requiredInt(key, VERSION);
          if (value == null) {
            return Optional.of(new RegistryRecord.SchemaVersionRemoved(subject, version));
          }
          List<RegistryRecord.Reference> refs = new ArrayList<>();
          JsonNode refsNode = value.path("references");
          if (refsNode.isArray()) {
            for (JsonNode r : refsNode) {
              refs.add(
                  new RegistryRecord.Reference(
                      required(r, "name"), required(r, SUBJECT), requiredInt(r, VERSION)));
            }
          }
          String schemaType = text(value, "schemaType");
          return Optional.of(
              new RegistryRecord.SchemaVersion(
                  subject,
                  version,
                  requiredInt(value, "id"),
                  schemaType == null || schemaType.isEmpty() ? AVRO : schemaType,
                  required(value, "schema"),
                  refs,
                  value.path("deleted").asBoolean(false)));
        }
      case "CONFIG":
        {
          String subject = optionalSubject(key);
          if (value == null) {
            return Optional.of(new RegistryRecord.CompatibilityConfig(subject, null, null));
          }
          JsonNode normalize = value.get("normalize");
          return Optional.of(
              new RegistryRecord.CompatibilityConfig(
                  subject,
                  text(value, "compatibilityLevel"),
                  normalize == null || normalize.isNull() ? null : normalize.asBoolean()));
        }
      case "MODE":
        return Optional.of(
            new RegistryRecord.ModeConfig(
                optionalSubject(key), value == null ? null : text(value, "mode")));
      case "DELETE_SUBJECT":
        if (value == null) {
          return Optional.empty();
        }
        return Optional.of(
            new RegistryRecord.SubjectDeleted(required(key, SUBJECT), requiredInt(value, VERSION)));
      case "NOOP":
        return Optional.of(new RegistryRecord.Noop());
      default:
        return Optional.empty();
    }
  }

  private byte[] schemaKey(String subject, int version) {
    ObjectNode key = mapper.createObjectNode();
    key.put(KEYTYPE, "SCHEMA");
    key.put(SUBJECT, subject);
    key.put(VERSION, version);
    key.put(MAGIC, 1);
    return bytes(key);
  }

  private byte[] subjectKey(String keytype, String subject) {
    ObjectNode key = mapper.createObjectNode();
    key.put(KEYTYPE, keytype);
    putIfPresent(key, SUBJECT, subject);
    key.put(MAGIC, 0);
    return bytes(key);
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(field, value);
    }
  }

  /** The subject of a CONFIG or MODE key: null (the global setting) when absent or empty. */
  private static String optionalSubject(JsonNode key) {
    String subject = text(key, SUBJECT);
    return subject == null || subject.isEmpty() ? null : subject;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String required(JsonNode node, String field) {
    String v = text(node, field);
    if (v == null) {
      throw new IllegalArgumentException("field '" + field + "' is missing");
    }
    return v;
  }

  private static int requiredInt(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.canConvertToInt()) {
      throw new IllegalArgumentException("field '" + field + "' is missing or not an int");
    }
    return v.intValue();
  }

  private byte[] bytes(JsonNode node) {
    try {
      return mapper.writeValueAsString(node).getBytes(UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + node, e);
    }
  }
}
