package io.tributary.registry.server.internal.service;

import io.tributary.registry.server.internal.schema.AvroSchemas;
import io.tributary.registry.server.internal.schema.InvalidSchemaException;
import io.tributary.registry.server.internal.schema.ParsedAvroSchema;
import io.tributary.registry.server.internal.store.RegistryRecord.Reference;
import io.tributary.registry.server.internal.store.RegistryRecord.SchemaVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses schemas with their references resolved against the registry's state: a reference names
 * another subject's version, whose schema (and, first, that schema's own references) the parser
 * learns before the referencing schema. Parsed stored schemas are cached by their content.
 *
 * <p>Thread-safe.
 */
final class SchemaResolver {
  static final String AVRO = "AVRO";

  /** Deeper reference chains than this are refused (a cycle, or a mistake). */
  private static final int MAX_REFERENCE_DEPTH = 64;

  private final RegistryState state;
  private final Map<StoredSchema, ParsedAvroSchema> parsedCache = new ConcurrentHashMap<>();

  SchemaResolver(RegistryState state) {
    this.state = state;
  }

  /**
   * The schema type of a request: null or AVRO (any case) is AVRO, anything else is refused.
   *
   * @throws RegistryException 42201 for another type
   */
  static String checkType(String schemaType) {
    if (schemaType == null || schemaType.toUpperCase(Locale.ROOT).equals(AVRO)) {
      return AVRO;
    }
    throw RegistryErrors.invalidSchema(
        "Invalid schema type '"
            + schemaType
            + "': this registry supports only AVRO schemas (GET /schemas/types lists them).");
  }

  /**
   * The request's references with {@code latest} ({@code -1}) replaced by the version it means now.
   *
   * @throws RegistryException 42201 when a reference is incomplete or names no registered version
   */
  List<Reference> resolveReferences(List<Reference> references) {
    List<Reference> resolved = new ArrayList<>();
    for (Reference ref : references) {
      if (ref.name().isEmpty() || ref.subject().isEmpty()) {
        throw RegistryErrors.invalidSchema(
            "Invalid schema reference " + ref + ": it needs a name and a subject.");
      }
      int version = ref.version();
      if (version == -1) {
        version =
            state.versions(ref.subject()).stream()
                .filter(v -> !v.deleted())
                .mapToInt(SchemaVersion::version)
                .max()
                .orElseThrow(() -> missingReference(ref));
      }
      resolved.add(new Reference(ref.name(), ref.subject(), version));
    }
    return List.copyOf(resolved);
  }

  /**
   * Parses {@code schema} with its (resolved) references.
   *
   * @throws RegistryException 42201 when the schema is not a valid Avro schema or a reference is
   *     missing
   */
  ParsedAvroSchema parse(String schema, List<Reference> references) {
    if (schema == null || schema.isBlank()) {
      throw RegistryErrors.invalidSchema(
          "Invalid schema: the request has no \"schema\"; give the Avro schema as a JSON string.");
    }
    List<String> referenced = new ArrayList<>();
    collect(references, referenced, new HashSet<>(), 0);
    try {
      return AvroSchemas.parse(schema, referenced);
    } catch (InvalidSchemaException e) {
      throw RegistryErrors.invalidSchema("Invalid schema: " + e.getMessage(), e);
    }
  }

  /** A stored schema, parsed once and then served from the cache. */
  ParsedAvroSchema parsed(StoredSchema stored) {
    ParsedAvroSchema cached = parsedCache.get(stored);
    if (cached != null) {
      return cached;
    }
    ParsedAvroSchema parsed = parse(stored.schema(), stored.references());
    parsedCache.put(stored, parsed);
    return parsed;
  }

  /** Adds the texts {@code references} need, dependencies first, each once. */
  private void collect(
      List<Reference> references, List<String> texts, Set<SubjectVersion> seen, int depth) {
    if (depth > MAX_REFERENCE_DEPTH) {
      throw RegistryErrors.invalidSchema(
          "Invalid schema: references nest deeper than " + MAX_REFERENCE_DEPTH + " levels.");
    }
    for (Reference ref : references) {
      SubjectVersion key = new SubjectVersion(ref.subject(), ref.version());
      if (!seen.add(key)) {
        continue;
      }
      SchemaVersion target =
          state.versions(ref.subject()).stream()
              .filter(v -> v.version() == ref.version())
              .findFirst()
              .orElseThrow(() -> missingReference(ref));
      collect(target.references(), texts, seen, depth + 1);
      texts.add(target.schema());
    }
  }

  private static RegistryException missingReference(Reference ref) {
    return RegistryErrors.invalidSchema(
        "Invalid schema: reference '"
            + ref.name()
            + "' names subject '"
            + ref.subject()
            + "' version "
            + (ref.version() == -1 ? "latest" : ref.version())
            + ", which is not registered; register it first.");
  }
}
