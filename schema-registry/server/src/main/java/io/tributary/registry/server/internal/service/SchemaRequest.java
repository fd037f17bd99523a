package io.tributary.registry.server.internal.service;

import static java.util.Objects.requireNonNull;

import io.tributary.registry.server.internal.store.RegistryRecord.Reference;
import java.util.List;

/**
 * A schema as a client sends it to register, look up or check: its text, type (null means AVRO),
 * references, and in IMPORT mode the id and version to register it with (null: the registry
 * chooses).
 */
public record SchemaRequest(
    String schema, String schemaType, List<Reference> references, Integer id, Integer version) {
  public SchemaRequest {
    references = List.copyOf(requireNonNull(references, "references is null"));
  }

  /** A plain Avro schema without references. */
  public static SchemaRequest of(String schema) {
    return new SchemaRequest(schema, null, List.of(), null, null);
  }
}
