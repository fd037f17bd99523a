package io.tributary.registry.subject;

import org.apache.avro.Schema;

/**
 * The schema's full name (e.g. {@code com.acme.Order}): one lineage per record type, whatever
 * topics carry it, so a topic may mix record types.
 */
public final class RecordNameStrategy implements SubjectNameStrategy {
  @Override
  public String subjectName(String topic, boolean isKey, Schema schema) {
    return schema.getFullName();
  }
}
