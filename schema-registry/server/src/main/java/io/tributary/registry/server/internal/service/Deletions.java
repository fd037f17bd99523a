package io.tributary.registry.server.internal.service;

import io.tributary.registry.server.internal.store.RegistryRecord;
import io.tributary.registry.server.internal.store.RegistryRecord.SchemaVersion;
import io.tributary.registry.server.internal.store.RegistryRecord.SchemaVersionRemoved;
import io.tributary.registry.server.internal.store.RegistryRecord.SubjectDeleted;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deleting versions and subjects as Confluent Schema Registry does: a soft delete hides a version
 * (its id stays readable), a permanent delete removes it and is allowed only after a soft one;
 * neither may leave a reference dangling, and neither is allowed in READONLY mode.
 *
 * <p>Thread-safe: the checks and the appends run under the registry's write lock.
 */
final class Deletions {
  private static final Logger LOGGER = LoggerFactory.getLogger(Deletions.class);

  private final RegistryState state;
  private final Settings settings;
  private final Object writeLock;
  private final BiConsumer<RegistryRecord, String> append;

  Deletions(
      RegistryState state,
      Settings settings,
      Object writeLock,
      BiConsumer<RegistryRecord, String> append) {
    this.state = state;
    this.settings = settings;
    this.writeLock = writeLock;
    this.append = append;
  }

  int deleteVersion(String subject, VersionId id, boolean permanent) {
    synchronized (writeLock) {
      SchemaVersion target = target(subject, id, permanent);
      checkWritable(subject);
      boolean referenced =
          state.referencing(subject, target.version()).stream()
              .anyMatch(v -> permanent || !v.deleted());
      if (referenced) {
        throw RegistryErrors.referenceExists(subject, target.version());
      }
      if (!permanent) {
        append.accept(
            new SchemaVersion(
                subject,
                target.version(),
                target.id(),
                target.schemaType(),
                target.schema(),
                target.references(),
                true),
            "Deleting a schema version");
      } else {
        if (!target.deleted()) {
          throw RegistryErrors.versionNotSoftDeleted(subject, target.version());
        }
        append.accept(
            new SchemaVersionRemoved(subject, target.version()), "Deleting a schema version");
        if (state.versions(subject).isEmpty()) {
          settings.dropSubjectSettings(subject);
        }
      }
      LOGGER.info(
          "Deleted subject {} version {}{}",
          subject,
          target.version(),
          permanent ? " permanently" : "");
      return target.version();
    }
  }

  List<Integer> deleteSubject(String subject, boolean permanent) {
    synchronized (writeLock) {
      List<SchemaVersion> all = state.versions(subject);
      if (all.isEmpty()) {
        throw RegistryErrors.subjectNotFound(subject);
      }
      List<SchemaVersion> targets =
          permanent ? all : all.stream().filter(v -> !v.deleted()).toList();
      if (targets.isEmpty()) {
        throw RegistryErrors.subjectSoftDeleted(subject);
      }
      checkWritable(subject);
      for (SchemaVersion target : targets) {
        boolean referenced =
            state.referencing(subject, target.version()).stream()
                .anyMatch(v -> !v.subject().equals(subject) && (permanent || !v.deleted()));
        if (referenced) {
          throw RegistryErrors.referenceExists(subject, target.version());
        }
      }
      if (permanent) {
        if (targets.stream().anyMatch(v -> !v.deleted())) {
          throw RegistryErrors.subjectNotSoftDeleted(subject);
        }
        // Newest first: a version may reference an older one of the same subject.
        for (int i = targets.size() - 1; i >= 0; i--) {
          append.accept(
              new SchemaVersionRemoved(subject, targets.get(i).version()), "Deleting a subject");
        }
        settings.dropSubjectSettings(subject);
      } else {
        append.accept(
            new SubjectDeleted(subject, targets.get(targets.size() - 1).version()),
            "Deleting a subject");
      }
      LOGGER.info("Deleted subject {}{}", subject, permanent ? " permanently" : "");
      return targets.stream().map(SchemaVersion::version).toList();
    }
  }

  /**
   * The version to delete: "latest" is the newest live one (for a permanent delete, the newest of
   * all); a number must exist, and a soft delete must not find it soft-deleted already.
   */
  private SchemaVersion target(String subject, VersionId id, boolean permanent) {
    List<SchemaVersion> all = state.versions(subject);
    if (id.latest()) {
      List<SchemaVersion> candidates =
          permanent ? all : all.stream().filter(v -> !v.deleted()).toList();
      if (candidates.isEmpty()) {
        throw RegistryErrors.subjectNotFound(subject);
      }
      return candidates.get(candidates.size() - 1);
    }
    SchemaVersion target =
        all.stream()
            .filter(v -> v.version() == id.version())
            .findFirst()
            .orElseThrow(
                () ->
                    all.isEmpty()
                        ? RegistryErrors.subjectNotFound(subject)
                        : RegistryErrors.versionNotFound(id.version()));
    if (target.deleted() && !permanent) {
      throw RegistryErrors.versionSoftDeleted(subject, target.version());
    }
    return target;
  }

  private void checkWritable(String subject) {
    if (settings.modeInScope(subject) == Mode.READONLY) {
      throw RegistryErrors.operationNotPermitted("Subject " + subject + " is in read-only mode");
    }
  }
}
