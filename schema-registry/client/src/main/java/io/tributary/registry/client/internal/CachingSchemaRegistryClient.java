package io.tributary.registry.client.internal;

import static java.util.Objects.requireNonNull;

import io.tributary.registry.client.SchemaMetadata;
import io.tributary.registry.client.SchemaRegistryClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Caches what never changes in a registry: the schema of an id, and the id and version of a schema
 * under a subject. Ids are cached in a bounded LRU map; per subject at most {@code
 * maxSchemasPerSubject} schemas are cached, and asking about one more under the same subject fails
 * (it almost always means an application builds a new schema per record). Subject listings and
 * latest versions are not cached. Thread-safe.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

  private record SchemaKey(Schema schema, boolean normalize) {}

  private final SchemaRegistryClient delegate;
  private final int maxSchemasPerSubject;
  private final BoundedCache<Integer, Schema> schemasById;
  private final Map<String, Map<SchemaKey, Integer>> idsBySubject = new HashMap<>();
  private final Map<String, Map<Schema, Integer>> versionsBySubject = new HashMap<>();

  /**
   * Wraps {@code delegate}.
   *
   * @param maxSchemasPerSubject how many schemas one subject may have in the cache
   * @param idCacheCapacity how many id -> schema entries are kept
   */
  public CachingSchemaRegistryClient(
      SchemaRegistryClient delegate, int maxSchemasPerSubject, int idCacheCapacity) {
    this.delegate = requireNonNull(delegate, "delegate is null");
    if (maxSchemasPerSubject < 1) {
      throw new IllegalArgumentException(
          "max.schemas.per.subject must be at least 1, was " + maxSchemasPerSubject);
    }
    this.maxSchemasPerSubject = maxSchemasPerSubject;
    this.schemasById = new BoundedCache<>(idCacheCapacity);
  }

  @Override
  public int register(String subject, Schema schema, boolean normalize) {
    SchemaKey key = new SchemaKey(schema, normalize);
    Integer cached = cachedId(subject, key);
    if (cached != null) {
      return cached;
    }
    int id = delegate.register(subject, schema, normalize);
    remember(subject, key, id);
    schemasById.computeIfAbsent(id, unused -> schema);
    return id;
  }

  @Override
  public Schema getSchemaById(int id) {
    return schemasById.computeIfAbsent(id, delegate::getSchemaById);
  }

  @Override
  public SchemaMetadata getLatestSchemaMetadata(String subject) {
    return delegate.getLatestSchemaMetadata(subject);
  }

  @Override
  public SchemaMetadata getSchemaMetadata(String subject, int version) {
    return delegate.getSchemaMetadata(subject, version);
  }

  @Override
  public int getId(String subject, Schema schema, boolean normalize) {
    SchemaKey key = new SchemaKey(schema, normalize);
    Integer cached = cachedId(subject, key);
    if (cached != null) {
      return cached;
    }
    int id = delegate.getId(subject, schema, normalize);
    remember(subject, key, id);
    return id;
  }

  @Override
  public int getVersion(String subject, Schema schema) {
    synchronized (this) {
      Integer cached = versionsBySubject.getOrDefault(subject, Map.of()).get(schema);
      if (cached != null) {
        return cached;
      }
    }
    int version = delegate.getVersion(subject, schema);
    synchronized (this) {
      Map<Schema, Integer> versions =
          versionsBySubject.computeIfAbsent(subject, s -> new HashMap<>());
      checkRoom(subject, versions.size(), versions.containsKey(schema));
      versions.put(schema, version);
    }
    return version;
  }

  @Override
  public List<String> getAllSubjects() {
    return delegate.getAllSubjects();
  }

  @Override
  public List<Integer> getAllVersions(String subject) {
    return delegate.getAllVersions(subject);
  }

  @Override
  public List<Integer> deleteSubject(String subject) {
    List<Integer> deleted = delegate.deleteSubject(subject);
    synchronized (this) {
      idsBySubject.remove(subject);
      versionsBySubject.remove(subject);
    }
    return deleted;
  }

  @Override
  public void close() {
    delegate.close();
  }

  private synchronized Integer cachedId(String subject, SchemaKey key) {
    Map<SchemaKey, Integer> ids = idsBySubject.get(subject);
    return ids == null ? null : ids.get(key);
  }

  private synchronized void remember(String subject, SchemaKey key, int id) {
    Map<SchemaKey, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new HashMap<>());
    checkRoom(subject, ids.size(), ids.containsKey(key));
    ids.put(key, id);
  }

  private void checkRoom(String subject, int cachedCount, boolean alreadyCached) {
    if (!alreadyCached && cachedCount >= maxSchemasPerSubject) {
      throw new IllegalStateException(
          "Too many schemas for subject '"
              + subject
              + "': this client already cached "
              + cachedCount
              + " (max.schemas.per.subject). Reuse schema objects instead of building one per"
              + " record, or raise max.schemas.per.subject.");
    }
  }
}
