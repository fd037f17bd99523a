package io.tributary.registry.subject;

import org.apache.avro.Schema;

/**
 * Chooses the registry subject under which a record's key or value schema is registered and looked
 * up. Implementations are stateless and thread-safe.
 */
public interface SubjectNameStrategy {
  /**
   * The subject for a key ({@code isKey}) or value of {@code topic} with {@code schema}.
   *
   * @param schema the Avro schema of the data; strategies that name subjects after records use its
   *     full name
   */
  String subjectName(String topic, boolean isKey, Schema schema);
}
