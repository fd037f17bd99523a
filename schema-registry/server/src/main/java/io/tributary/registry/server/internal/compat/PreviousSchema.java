package io.tributary.registry.server.internal.compat;

import static java.util.Objects.requireNonNull;

import org.apache.avro.Schema;

/**
 * A schema already registered under a subject, as version {@code version}.
 *
 * @param version the subject's version number of the schema (1 for the first)
 * @param schema the parsed schema
 */
public record PreviousSchema(int version, Schema schema) {
  public PreviousSchema {
    requireNonNull(schema, "schema is null");
  }
}
