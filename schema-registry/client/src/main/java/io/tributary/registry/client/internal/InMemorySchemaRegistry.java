package io.tributary.registry.client.internal;

import io.tributary.registry.client.RestClientException;
import io.tributary.registry.client.SchemaMetadata;
import io.tributary.registry.client.SchemaRegistryClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * A registry held in memory, for tests ({@code schema.registry.url=mock://scope}). It follows the
 * registry's rules for ids and versions: a schema (compared by Avro's parsed form, so whitespace
 * and key order do not matter) gets one id shared by every subject registering it; versions count
 * from 1 per subject; registering a schema again returns its existing id; a soft-deleted subject
 * that is registered again continues its version numbers. It checks no compatibility and keeps no
 * references. Errors carry the registry's codes (40401, 40402, 40403). Thread-safe (one lock).
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

  private record Version(int version, int id, boolean deleted) {}

  private final Map<String, Integer> idsBySchemaText = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, List<Version>> subjects = new TreeMap<>();
  private int nextId = 1;

  @Override
  public synchronized int register(String subject, Schema schema, boolean normalize) {
    String text = schema.toString();
    List<Version> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    Integer known = idsBySchemaText.get(text);
    if (known != null) {
      for (Version v : versions) {
        if (v.id() == known && !v.deleted()) {
          return known;
        }
      }
    }
    int id = known != null ? known : nextId++;
    idsBySchemaText.put(text, id);
    schemasById.put(id, new Schema.Parser().parse(text));
    int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
    versions.add(new Version(version, id, false));
    return id;
  }

  @Override
  public synchronized Schema getSchemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw new RestClientException(
          "Schema " + id + " not found", 404, RestClientException.SCHEMA_NOT_FOUND);
    }
    return schema;
  }

  @Override
  public synchronized SchemaMetadata getLatestSchemaMetadata(String subject) {
    List<Version> live = live(subject);
    return metadata(subject, live.get(live.size() - 1));
  }

  @Override
  public synchronized SchemaMetadata getSchemaMetadata(String subject, int version) {
    for (Version v : live(subject)) {
      if (v.version() == version) {
        return metadata(subject, v);
      }
    }
    throw new RestClientException(
        "Version " + version + " not found.", 404, RestClientException.VERSION_NOT_FOUND);
  }

  @Override
  public synchronized int getId(String subject, Schema schema, boolean normalize) {
    return find(subject, schema).id();
  }

  @Override
  public synchronized int getVersion(String subject, Schema schema) {
    return find(subject, schema).version();
  }

  @Override
  public synchronized List<String> getAllSubjects() {
    List<String> names = new ArrayList<>();
    subjects.forEach(
        (name, versions) -> {
          if (versions.stream().anyMatch(v -> !v.deleted())) {
            names.add(name);
          }
        });
    return names;
  }

  @Override
  public synchronized List<Integer> getAllVersions(String subject) {
    return live(subject).stream().map(Version::version).toList();
  }

  @Override
  public synchronized List<Integer> deleteSubject(String subject) {
    List<Version> live = live(subject);
    List<Version> all = subjects.get(subject);
    all.replaceAll(v -> new Version(v.version(), v.id(), true));
    return live.stream().map(Version::version).toList();
  }

  private Version find(String subject, Schema schema) {
    List<Version> live = live(subject);
    Integer id = idsBySchemaText.get(schema.toString());
    if (id != null) {
      for (Version v : live) {
        if (v.id() == id) {
          return v;
        }
      }
    }
    throw new RestClientException("Schema not found", 404, RestClientException.SCHEMA_NOT_FOUND);
  }

  private List<Version> live(String subject) {
    List<Version> versions = subjects.getOrDefault(subject, List.of());
    List<Version> live = versions.stream().filter(v -> !v.deleted()).toList();
    if (live.isEmpty()) {
      throw new RestClientException(
          "Subject '" + subject + "' not found.", 404, RestClientException.SUBJECT_NOT_FOUND);
    }
    return live;
  }

  private SchemaMetadata metadata(String subject, Version v) {
    return new SchemaMetadata(subject, v.id(), v.version(), schemasById.get(v.id()).toString());
  }
}
