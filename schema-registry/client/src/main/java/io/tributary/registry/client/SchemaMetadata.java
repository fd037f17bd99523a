package io.tributary.registry.client;

import static java.util.Objects.requireNonNull;

/**
 * One registered version of a subject, as the registry reports it ({@code GET
 * /subjects/{subject}/versions/{version}} and the lookup {@code POST /subjects/{subject}}).
 *
 * @param subject the subject
 * @param id the schema id (shared by every subject that registered the same schema)
 * @param version the version of the schema under the subject, from 1
 * @param schema the schema text as the registry stores it
 */
public record SchemaMetadata(String subject, int id, int version, String schema) {
  public SchemaMetadata {
    requireNonNull(subject, "subject is null");
    requireNonNull(schema, "schema is null");
  }
}
