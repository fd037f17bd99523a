package io.tributary.registry.server.internal.service;

import io.tributary.registry.server.internal.store.RegistryRecord;
import io.tributary.registry.server.internal.store.RegistryRecord.CompatibilityConfig;
import io.tributary.registry.server.internal.store.RegistryRecord.ModeConfig;
import io.tributary.registry.server.internal.store.RegistryRecord.Noop;
import io.tributary.registry.server.internal.store.RegistryRecord.Reference;
import io.tributary.registry.server.internal.store.RegistryRecord.SchemaVersion;
import io.tributary.registry.server.internal.store.RegistryRecord.SchemaVersionRemoved;
import io.tributary.registry.server.internal.store.RegistryRecord.SubjectDeleted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The registry's state as the log's records built it: subjects and their versions (soft-deleted
 * ones flagged), schemas by id, and the compatibility and mode settings. Changed only by {@link
 * #apply}, in log order.
 *
 * <p>Thread-safe: the log's reader thread applies under a write lock; every query takes a read lock
 * and returns immutable copies. The global settings are kept under the {@code null} subject.
 */
final class RegistryState {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  /** Subject -> version -> the record that registered it, subjects and versions sorted. */
  private final TreeMap<String, TreeMap<Integer, SchemaVersion>> subjects = new TreeMap<>();

  private final Map<Integer, StoredSchema> schemasById = new HashMap<>();
  private final Map<StoredSchema, Integer> idsBySchema = new HashMap<>();
  private final Map<Integer, Set<SubjectVersion>> usagesById = new HashMap<>();
  private final Map<String, CompatibilityConfig> configs = new HashMap<>();
  private final Map<String, Mode> modes = new HashMap<>();
  private int maxId;

  /** Applies one record of the log. */
  void apply(RegistryRecord record) {
    lock.writeLock().lock();
    try {
      if (record instanceof SchemaVersion version) {
        put(version);
      } else if (record instanceof SchemaVersionRemoved removed) {
        remove(removed.subject(), removed.version());
      } else if (record instanceof SubjectDeleted deleted) {
        softDeleteUpTo(deleted.subject(), deleted.version());
      } else if (record instanceof CompatibilityConfig config) {
        if (config.compatibilityLevel() == null) {
          configs.remove(config.subject());
        } else {
          configs.put(config.subject(), config);
        }
      } else if (record instanceof ModeConfig mode) {
        applyMode(mode);
      } else if (!(record instanceof Noop)) {
        throw new IllegalArgumentException("Unknown registry record " + record);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Every version of {@code subject}, soft-deleted ones too, oldest first. */
  List<SchemaVersion> versions(String subject) {
    return read(
        () -> {
          TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
          return versions == null ? List.of() : List.copyOf(versions.values());
        });
  }

  /** Subject names in order, those with only soft-deleted versions when {@code deleted}. */
  List<String> subjects(boolean deleted) {
    return read(
        () -> {
          List<String> names = new ArrayList<>();
          subjects.forEach(
              (name, versions) -> {
                if (deleted || versions.values().stream().anyMatch(v -> !v.deleted())) {
                  names.add(name);
                }
              });
          return List.copyOf(names);
        });
  }

  Optional<StoredSchema> schema(int id) {
    return read(() -> Optional.ofNullable(schemasById.get(id)));
  }

  OptionalInt id(StoredSchema schema) {
    return read(
        () -> {
          Integer id = idsBySchema.get(schema);
          return id == null ? OptionalInt.empty() : OptionalInt.of(id);
        });
  }

  /** Where schema {@code id} is registered, soft-deleted versions too, in subject order. */
  List<SchemaVersion> usages(int id) {
    return read(
        () -> {
          Set<SubjectVersion> usages = usagesById.getOrDefault(id, Set.of());
          List<SchemaVersion> versions = new ArrayList<>();
          for (SubjectVersion usage : byName(usages)) {
            versions.add(subjects.get(usage.subject()).get(usage.version()));
          }
          return List.copyOf(versions);
        });
  }

  /** The largest id ever applied (ids are never reused while this instance runs). */
  int maxId() {
    return read(() -> maxId);
  }

  /** The versions whose references name {@code subject}'s {@code version}. */
  List<SchemaVersion> referencing(String subject, int version) {
    return read(
        () -> {
          List<SchemaVersion> found = new ArrayList<>();
          for (TreeMap<Integer, SchemaVersion> versions : subjects.values()) {
            for (SchemaVersion candidate : versions.values()) {
              for (Reference ref : candidate.references()) {
                if (ref.subject().equals(subject) && ref.version() == version) {
                  found.add(candidate);
                  break;
                }
              }
            }
          }
          return List.copyOf(found);
        });
  }

  /** The compatibility setting of {@code subject} (null: the global one), if set. */
  Optional<CompatibilityConfig> config(String subject) {
    return read(() -> Optional.ofNullable(configs.get(subject)));
  }

  /** The mode of {@code subject} (null: the global one), if set. */
  Optional<Mode> mode(String subject) {
    return read(() -> Optional.ofNullable(modes.get(subject)));
  }

  private void put(SchemaVersion version) {
    TreeMap<Integer, SchemaVersion> versions =
        subjects.computeIfAbsent(version.subject(), name -> new TreeMap<>());
    SchemaVersion previous = versions.put(version.version(), version);
    SubjectVersion usage = new SubjectVersion(version.subject(), version.version());
    if (previous != null && previous.id() != version.id()) {
      dropUsage(previous.id(), usage);
    }
    StoredSchema schema = StoredSchema.of(version);
    schemasById.putIfAbsent(version.id(), schema);
    idsBySchema.putIfAbsent(schema, version.id());
    usagesById.computeIfAbsent(version.id(), id -> new LinkedHashSet<>()).add(usage);
    maxId = Math.max(maxId, version.id());
  }

  private void remove(String subject, int version) {
    TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
    if (versions == null) {
      return;
    }
    SchemaVersion removed = versions.remove(version);
    if (versions.isEmpty()) {
      subjects.remove(subject);
    }
    if (removed != null) {
      dropUsage(removed.id(), new SubjectVersion(subject, version));
    }
  }

  private void dropUsage(int id, SubjectVersion usage) {
    Set<SubjectVersion> usages = usagesById.get(id);
    if (usages == null) {
      return;
    }
    usages.remove(usage);
    if (usages.isEmpty()) {
      usagesById.remove(id);
      StoredSchema schema = schemasById.remove(id);
      if (schema != null) {
        idsBySchema.remove(schema, id);
      }
    }
  }

  private void softDeleteUpTo(String subject, int upTo) {
    TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
    if (versions == null) {
      return;
    }
    for (SchemaVersion version : List.copyOf(versions.headMap(upTo, true).values())) {
      if (!version.deleted()) {
        versions.put(
            version.version(),
            new SchemaVersion(
                version.subject(),
                version.version(),
                version.id(),
                version.schemaType(),
                version.schema(),
                version.references(),
                true));
      }
    }
  }

  private void applyMode(ModeConfig config) {
    if (config.mode() == null) {
      modes.remove(config.subject());
      return;
    }
    // A mode this version does not know (written by a newer one) reads as READONLY: safe.
    modes.put(config.subject(), Mode.parse(config.mode()).orElse(Mode.READONLY));
  }

  private static TreeSet<SubjectVersion> byName(Set<SubjectVersion> usages) {
    TreeSet<SubjectVersion> sorted =
        new TreeSet<>(
            (a, b) -> {
              int bySubject = a.subject().compareTo(b.subject());
              return bySubject != 0 ? bySubject : Integer.compare(a.version(), b.version());
            });
    sorted.addAll(usages);
    return sorted;
  }

  private <T> T read(Supplier<T> query) {
    lock.readLock().lock();
    try {
      return query.get();
    } finally {
      lock.readLock().unlock();
    }
  }
}
