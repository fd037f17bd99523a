package io.tributary.registry.server.internal.store;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One change to the registry's state, as kept in the {@code _schemas} topic. Every instance
 * rebuilds its state by applying these records in log order, so a record must carry everything
 * needed to apply it (ids and versions are chosen by the leader before it writes).
 *
 * <p>The topic layout follows Confluent Schema Registry's (JSON keys with a {@code keytype}, JSON
 * values, a null value deleting the key), so the serialized form is the store's concern; this type
 * is what the registry's state applies.
 */
public sealed interface RegistryRecord {

  /** A reference from a schema to a named type defined by another subject's version. */
  record Reference(String name, String subject, int version) {
    public Reference {
      requireNonNull(name, "name is null");
      requireNonNull(subject, "subject is null");
    }
  }

  /**
   * A schema registered under a subject as a version ({@code deleted} true once soft-deleted). Key
   * {@code {"keytype":"SCHEMA","subject":..,"version":..,"magic":1}}.
   */
  record SchemaVersion(
      String subject,
      int version,
      int id,
      String schemaType,
      String schema,
      List<Reference> references,
      boolean deleted)
      implements RegistryRecord {
    public SchemaVersion {
      requireNonNull(subject, "subject is null");
      requireNonNull(schemaType, "schemaType is null");
      requireNonNull(schema, "schema is null");
      references = List.copyOf(references);
    }
  }

  /** A version deleted permanently (the SCHEMA key's tombstone). */
  record SchemaVersionRemoved(String subject, int version) implements RegistryRecord {
    public SchemaVersionRemoved {
      requireNonNull(subject, "subject is null");
    }
  }

  /**
   * The compatibility settings of one subject, or the global ones when {@code subject} is null.
   * {@code compatibilityLevel} null means the setting was deleted (the CONFIG key's tombstone).
   */
  record CompatibilityConfig(String subject, String compatibilityLevel, Boolean normalize)
      implements RegistryRecord {}

  /**
   * The mode (READWRITE, READONLY, IMPORT) of one subject, or the global one when {@code subject}
   * is null. {@code mode} null means the setting was deleted (the MODE key's tombstone).
   */
  record ModeConfig(String subject, String mode) implements RegistryRecord {}

  /** Every version of {@code subject} up to {@code version} was soft-deleted. */
  record SubjectDeleted(String subject, int version) implements RegistryRecord {
    public SubjectDeleted {
      requireNonNull(subject, "subject is null");
    }
  }

  /** A marker the leader writes and reads back to know it has caught up with the log. */
  record Noop() implements RegistryRecord {}
}
