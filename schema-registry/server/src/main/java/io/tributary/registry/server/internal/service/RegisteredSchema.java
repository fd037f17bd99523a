package io.tributary.registry.server.internal.service;

import static java.util.Objects.requireNonNull;

import io.tributary.registry.server.internal.store.RegistryRecord.Reference;
import io.tributary.registry.server.internal.store.RegistryRecord.SchemaVersion;
import java.util.List;

/** A schema registered under a subject as a version, with its global id. */
public record RegisteredSchema(
    String subject,
    int version,
    int id,
    String schemaType,
    String schema,
    List<Reference> references,
    boolean deleted) {
  public RegisteredSchema {
    requireNonNull(subject, "subject is null");
    requireNonNull(schemaType, "schemaType is null");
    requireNonNull(schema, "schema is null");
    references = List.copyOf(references);
  }

  static RegisteredSchema of(SchemaVersion version) {
    return new RegisteredSchema(
        version.subject(),
        version.version(),
        version.id(),
        version.schemaType(),
        version.schema(),
        version.references(),
        version.deleted());
  }
}
