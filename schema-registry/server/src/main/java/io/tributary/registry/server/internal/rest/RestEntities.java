package io.tributary.registry.server.internal.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tributary.registry.server.internal.service.RegisteredSchema;
import io.tributary.registry.server.internal.service.SchemaRequest;
import io.tributary.registry.server.internal.service.StoredSchema;
import io.tributary.registry.server.internal.store.RegistryRecord.Reference;
import java.util.List;

/**
 * The JSON bodies of Confluent Schema Registry's REST API, with its field names. {@code schemaType}
 * is left out for AVRO and {@code references} when empty, as Confluent does; request bodies ignore
 * fields this registry does not use (metadata, rule sets).
 */
final class RestEntities {
  private RestEntities() {}

  static final String AVRO = "AVRO";

  /** {@code {"error_code", "message"}}. */
  record ErrorMessage(
      @JsonProperty("error_code") int errorCode, @JsonProperty("message") String message) {}

  /** A schema reference as JSON. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ReferenceBody(String name, String subject, Integer version) {
    static ReferenceBody of(Reference ref) {
      return new ReferenceBody(ref.name(), ref.subject(), ref.version());
    }

    Reference toReference() {
      return new Reference(
          name == null ? "" : name, subject == null ? "" : subject, version == null ? -1 : version);
    }
  }

  /** The body of register, lookup and compatibility requests. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record SchemaRequestBody(
      String schema,
      String schemaType,
      List<ReferenceBody> references,
      Integer id,
      Integer version) {
    SchemaRequest toRequest() {
      List<Reference> refs =
          references == null
              ? List.of()
              : references.stream()
                  .map(r -> r == null ? new ReferenceBody(null, null, null) : r)
                  .map(ReferenceBody::toReference)
                  .toList();
      Integer givenId = id == null || id < 0 ? null : id;
      Integer givenVersion = version == null || version == 0 ? null : version;
      return new SchemaRequest(schema, schemaType, refs, givenId, givenVersion);
    }
  }

  /** {@code {"id": N}}: the answer to a registration. */
  record RegisterResponse(int id) {}

  /** A subject's version: subject, version, id, schemaType (not for AVRO), references, schema. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SchemaBody(
      String subject,
      Integer version,
      Integer id,
      String schemaType,
      List<ReferenceBody> references,
      String schema) {
    static SchemaBody of(RegisteredSchema registered) {
      return new SchemaBody(
          registered.subject(),
          registered.version(),
          registered.id(),
          typeOrNull(registered.schemaType()),
          refsOrNull(registered.references()),
          registered.schema());
    }
  }

  /** {@code GET /schemas/ids/{id}}: schemaType (not for AVRO), schema, references. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SchemaStringBody(String schemaType, String schema, List<ReferenceBody> references) {
    static SchemaStringBody of(StoredSchema stored) {
      return new SchemaStringBody(
          typeOrNull(stored.schemaType()), stored.schema(), refsOrNull(stored.references()));
    }
  }

  /** One entry of {@code GET /schemas/ids/{id}/versions}. */
  record SubjectVersionBody(String subject, int version) {}

  /** The answer of a compatibility check; {@code messages} only when verbose. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CompatibilityCheckBody(
      @JsonProperty("is_compatible") boolean isCompatible, List<String> messages) {}

  /** {@code GET|DELETE /config}: the level as {@code compatibilityLevel}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ConfigBody(String compatibilityLevel, Boolean normalize) {}

  /** {@code PUT /config} body and answer: the level as {@code compatibility}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ConfigUpdateBody(String compatibility, Boolean normalize) {}

  /** {@code /mode} bodies. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ModeBody(String mode) {}

  private static String typeOrNull(String schemaType) {
    return AVRO.equals(schemaType) ? null : schemaType;
  }

  private static List<ReferenceBody> refsOrNull(List<Reference> references) {
    return references.isEmpty() ? null : references.stream().map(ReferenceBody::of).toList();
  }
}
