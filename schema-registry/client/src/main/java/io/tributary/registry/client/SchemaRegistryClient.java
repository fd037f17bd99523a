package io.tributary.registry.client;

import java.io.Closeable;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The operations serializers, deserializers and converters need from a Confluent-compatible schema
 * registry, for Avro schemas.
 *
 * <p>Errors the registry reports are thrown as {@link RestClientException} (HTTP status and
 * registry error code); a registry that cannot be reached at all is reported as {@link
 * SchemaRegistryUnavailableException}. Implementations are thread-safe.
 */
public interface SchemaRegistryClient extends Closeable {

  /** Registers {@code schema} under {@code subject}, without normalization; returns its id. */
  default int register(String subject, Schema schema) {
    return register(subject, schema, false);
  }

  /**
   * Registers {@code schema} under {@code subject}; returns its id. Registration is idempotent: a
   * schema already registered under the subject returns its existing id.
   *
   * @param normalize whether the registry normalizes the schema before comparing and storing it
   */
  int register(String subject, Schema schema, boolean normalize);

  /** The schema with this id; throws {@link RestClientException} 40403 when there is none. */
  Schema getSchemaById(int id);

  /** The newest version of {@code subject}; 40401 when the subject does not exist. */
  SchemaMetadata getLatestSchemaMetadata(String subject);

  /** Version {@code version} of {@code subject}; 40401 or 40402 when absent. */
  SchemaMetadata getSchemaMetadata(String subject, int version);

  /** The id of {@code schema} under {@code subject}, without registering it; 40403 if absent. */
  default int getId(String subject, Schema schema) {
    return getId(subject, schema, false);
  }

  /** Like {@link #getId(String, Schema)}, with the registry's normalization on request. */
  int getId(String subject, Schema schema, boolean normalize);

  /** The version of {@code schema} under {@code subject}; 40403 if it was not registered there. */
  int getVersion(String subject, Schema schema);

  /** All (not deleted) subjects, sorted. */
  List<String> getAllSubjects();

  /** The versions of {@code subject}, ascending; 40401 when the subject does not exist. */
  List<Integer> getAllVersions(String subject);

  /** Soft-deletes {@code subject}; returns the versions it had. */
  List<Integer> deleteSubject(String subject);

  /** Releases the client's resources; the default has none. */
  @Override
  default void close() {}
}
