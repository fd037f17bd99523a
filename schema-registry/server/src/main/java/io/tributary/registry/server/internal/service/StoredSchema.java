package io.tributary.registry.server.internal.service;

import static java.util.Objects.requireNonNull;

import io.tributary.registry.server.internal.store.RegistryRecord.Reference;
import io.tributary.registry.server.internal.store.RegistryRecord.SchemaVersion;
import java.util.List;

/**
 * A schema as identified by its global id: the same type, canonical text and references always have
 * the same id, whichever subjects register it.
 */
public record StoredSchema(String schemaType, String schema, List<Reference> references) {
  public StoredSchema {
    requireNonNull(schemaType, "schemaType is null");
    requireNonNull(schema, "schema is null");
    references = List.copyOf(references);
  }

  static StoredSchema of(SchemaVersion version) {
    return new StoredSchema(version.schemaType(), version.schema(), version.references());
  }
}
