package io.tributary.registry.server.internal.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.avro.Schema;

/**
 * An Avro schema the registry accepted, with the text it stores and compares for identity.
 *
 * @param schema the parsed schema; named types defined by referenced schemas are resolved in it
 * @param canonical Avro's compact JSON form of {@code schema} (Confluent's canonical string): named
 *     types defined by {@code references} appear by name only, so the text is the one to store
 * @param references the top-level schemas of the referenced texts this schema was parsed with,
 *     dependencies first (empty without references)
 */
public record ParsedAvroSchema(Schema schema, String canonical, List<Schema> references) {

  public ParsedAvroSchema {
    requireNonNull(schema, "schema is null");
    requireNonNull(canonical, "canonical is null");
    references = List.copyOf(references);
  }

  /** A schema without references. */
  public ParsedAvroSchema(Schema schema, String canonical) {
    this(schema, canonical, List.of());
  }

  /**
   * Confluent's {@code normalize=true} form of this schema: the same schema with properties and
   * aliases in sorted order, named types written with their full names, defaults written in the
   * form their types give them, a decimal's zero scale left out, so that texts which differ only in
   * such details get the same canonical string.
   *
   * @throws InvalidSchemaException if the normalized text cannot be parsed again (not expected for
   *     a schema that was parsed once)
   */
  public ParsedAvroSchema normalized() {
    return AvroSchemas.reparse(AvroNormalizer.normalize(schema, references), references);
  }
}
