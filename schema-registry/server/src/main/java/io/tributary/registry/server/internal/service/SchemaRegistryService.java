package io.tributary.registry.server.internal.service;

import static java.util.Objects.requireNonNull;

import io.tributary.registry.server.internal.compat.CompatibilityChecker;
import io.tributary.registry.server.internal.compat.CompatibilityLevel;
import io.tributary.registry.server.internal.compat.PreviousSchema;
import io.tributary.registry.server.internal.schema.ParsedAvroSchema;
import io.tributary.registry.server.internal.store.RegistryLog;
import io.tributary.registry.server.internal.store.RegistryRecord;
import io.tributary.registry.server.internal.store.RegistryRecord.Reference;
import io.tributary.registry.server.internal.store.RegistryRecord.SchemaVersion;
import io.tributary.registry.server.internal.store.RegistryStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry's operations (Confluent Schema Registry's semantics) over a {@link
 * RegistryLog}: the state is rebuilt only by applying the log's records, and every write is a
 * record appended to the log, so all instances sharing the log agree, and a read after a write on
 * this instance sees it.
 *
 * <p>Lifecycle: {@link #start()} reads the log (and keeps following it); then operations may be
 * called. Only the leader instance may call the write operations (its REST layer forwards them
 * otherwise).
 *
 * <p>Threading: thread-safe. The log's reader thread calls {@link #apply}; queries run on any
 * thread; writes are serialized among themselves, so the checks a write makes still hold when its
 * record is appended. Refusals are {@link RegistryException}s with Confluent's error codes.
 */
public final class SchemaRegistryService {
  private static final Logger LOGGER = LoggerFactory.getLogger(SchemaRegistryService.class);

  private final RegistryLog log;
  private final CompatibilityLevel defaultLevel;
  private final RegistryState state = new RegistryState();
  private final SchemaResolver resolver = new SchemaResolver(state);
  private final Object writeLock = new Object();
  private final Settings settings;
  private final Deletions deletions;

  /**
   * @param log where the registry's records are kept
   * @param defaultLevel the compatibility level while no global level is set
   */
  public SchemaRegistryService(RegistryLog log, CompatibilityLevel defaultLevel) {
    this.log = requireNonNull(log, "log is null");
    this.defaultLevel = requireNonNull(defaultLevel, "defaultLevel is null");
    this.settings = new Settings(state, defaultLevel, writeLock, this::append);
    this.deletions = new Deletions(state, settings, writeLock, this::append);
  }

  /** Reads the log to its end and keeps applying what is appended later. */
  public void start() {
    log.start(this::apply);
    LOGGER.info(
        "Schema registry state loaded: {} subjects, largest schema id {}",
        state.subjects(true).size(),
        state.maxId());
  }

  /** Applies one record of the log (the log's reader thread calls this, in log order). */
  public void apply(RegistryRecord record) {
    state.apply(record);
  }

  /**
   * Waits until every record written to the log before this call has been applied here.
   *
   * @throws RegistryException 50002 when that takes longer than {@code timeout}, 50001 on another
   *     store error
   */
  public void awaitCaughtUp(Duration timeout) {
    try {
      log.awaitCaughtUp(timeout);
    } catch (RegistryStoreException e) {
      throw RegistryErrors.store("Catching up with the schemas log", e);
    }
  }

  /** The compatibility and mode settings. */
  public Settings settings() {
    return settings;
  }

  /** The schema types this registry accepts. */
  public List<String> schemaTypes() {
    return List.of(SchemaResolver.AVRO);
  }

  // ---------------------------------------------------------------- registering and lookups

  /**
   * The version of {@code subject} already holding {@code request}'s schema (same canonical form
   * and references), if any. Registering it again would return it; a follower answers with it
   * without forwarding.
   *
   * @throws RegistryException 42201 when the schema is invalid
   */
  public Optional<RegisteredSchema> findRegistered(
      String subject, SchemaRequest request, boolean normalize) {
    SchemaResolver.checkType(request.schemaType());
    List<Reference> references = resolver.resolveReferences(request.references());
    ParsedAvroSchema parsed = resolver.parse(request.schema(), references);
    return alreadyRegistered(subject, request, parsed, references, normalizes(subject, normalize));
  }

  /**
   * Registers {@code request}'s schema under {@code subject}, or returns the version that already
   * has it (idempotent). The same schema under another subject keeps its id; a new schema gets the
   * largest id plus one, and the subject's largest version plus one.
   *
   * @param normalize whether to store (and compare) the schema's normalized form; the subject's
   *     {@code normalize} setting also turns it on
   * @throws RegistryException 42201 invalid schema, 409/40901 incompatible, 42205 the mode forbids
   *     it, 42207 an imported id belongs to another schema, 42208 invalid subject name, 5000x store
   *     failures
   */
  public RegisteredSchema register(String subject, SchemaRequest request, boolean normalize) {
    checkSubjectName(subject);
    String type = SchemaResolver.checkType(request.schemaType());
    boolean normalized = normalizes(subject, normalize);
    List<Reference> references = resolver.resolveReferences(request.references());
    ParsedAvroSchema parsed = resolver.parse(request.schema(), references);
    // Registering a schema the subject already has is the common case (every producer start):
    // answered from the state without queueing behind writes.
    Optional<RegisteredSchema> known =
        alreadyRegistered(subject, request, parsed, references, normalized);
    if (known.isPresent()) {
      return known.get();
    }
    synchronized (writeLock) {
      known = alreadyRegistered(subject, request, parsed, references, normalized);
      if (known.isPresent()) {
        return known.get();
      }
      Mode mode = settings.modeInScope(subject);
      checkRegisterMode(subject, mode, request.id() != null);
      String canonical = normalized ? parsed.normalized().canonical() : parsed.canonical();
      List<SchemaVersion> versions = state.versions(subject);
      if (mode != Mode.IMPORT) {
        checkCompatible(subject, parsed, versions);
      }
      StoredSchema stored = new StoredSchema(type, canonical, references);
      int id = chooseId(request.id(), stored);
      int version = chooseVersion(subject, request.version(), versions, mode);
      append(
          new SchemaVersion(subject, version, id, type, canonical, references, false),
          "Registering a schema");
      LOGGER.debug("Registered schema id {} as subject {} version {}", id, subject, version);
      return new RegisteredSchema(subject, version, id, type, canonical, references, false);
    }
  }

  private Optional<RegisteredSchema> alreadyRegistered(
      String subject,
      SchemaRequest request,
      ParsedAvroSchema parsed,
      List<Reference> references,
      boolean normalized) {
    return match(subject, parsed, references, normalized, false)
        .filter(v -> request.id() == null || request.id() == v.id())
        .filter(v -> request.version() == null || request.version() == v.version())
        .map(RegisteredSchema::of);
  }

  /**
   * The version of {@code subject} whose schema is {@code request}'s ({@code POST
   * /subjects/{subject}}), the newest if several.
   *
   * @throws RegistryException 40401 unknown subject, 40403 schema not under it, 42201 invalid
   */
  public RegisteredSchema lookup(
      String subject, SchemaRequest request, boolean normalize, boolean includeDeleted) {
    SchemaResolver.checkType(request.schemaType());
    List<Reference> references = resolver.resolveReferences(request.references());
    ParsedAvroSchema parsed = resolver.parse(request.schema(), references);
    Optional<SchemaVersion> found =
        match(subject, parsed, references, normalizes(subject, normalize), includeDeleted);
    if (found.isPresent()) {
      return RegisteredSchema.of(found.get());
    }
    if (live(subject, includeDeleted).isEmpty()) {
      throw RegistryErrors.subjectNotFound(subject);
    }
    throw RegistryErrors.schemaNotFound();
  }

  /**
   * Checks {@code request}'s schema against {@code subject}'s schemas as its compatibility level
   * says, or against one version only when {@code version} is given ("latest" or a number).
   *
   * @param verbose whether an invalid schema is a verdict with its message rather than a 42201
   * @throws RegistryException 40402 unknown version, 42202 invalid version, 42201 invalid schema
   */
  public CompatibilityResult checkCompatibility(
      String subject, String version, SchemaRequest request, boolean normalize, boolean verbose) {
    List<SchemaVersion> against = live(subject, false);
    if (version != null) {
      VersionId id = VersionId.parse(version);
      Optional<SchemaVersion> target =
          id.latest()
              ? against.stream().reduce((a, b) -> b)
              : against.stream().filter(v -> v.version() == id.version()).findFirst();
      if (target.isEmpty() && !id.latest()) {
        throw RegistryErrors.versionNotFound(id.version());
      }
      against = target.map(List::of).orElse(List.of());
    }
    ParsedAvroSchema parsed;
    try {
      SchemaResolver.checkType(request.schemaType());
      parsed = resolver.parse(request.schema(), resolver.resolveReferences(request.references()));
    } catch (RegistryException e) {
      if (verbose && e.errorCode() == RegistryErrors.INVALID_SCHEMA) {
        return new CompatibilityResult(false, List.of(e.getMessage()));
      }
      throw e;
    }
    if (normalizes(subject, normalize)) {
      parsed = parsed.normalized();
    }
    List<String> messages = incompatibilities(subject, parsed, against);
    return new CompatibilityResult(messages.isEmpty(), messages);
  }

  // ---------------------------------------------------------------- reads

  /** Subject names in order; with {@code deleted}, those with only soft-deleted versions too. */
  public List<String> subjects(String prefix, boolean deleted) {
    List<String> names = state.subjects(deleted);
    if (prefix == null || prefix.isEmpty()) {
      return names;
    }
    return names.stream().filter(name -> name.startsWith(prefix)).toList();
  }

  /**
   * The version numbers of {@code subject}, oldest first.
   *
   * @throws RegistryException 40401 when it has none (none live unless {@code deleted})
   */
  public List<Integer> versions(String subject, boolean deleted) {
    List<SchemaVersion> versions = live(subject, deleted);
    if (versions.isEmpty()) {
      throw RegistryErrors.subjectNotFound(subject);
    }
    return versions.stream().map(SchemaVersion::version).toList();
  }

  /**
   * One version of a subject: a number or "latest" (the newest live one, or with {@code deleted}
   * the newest of all).
   *
   * @throws RegistryException 42202 invalid version, 40401 unknown subject, 40402 unknown version
   */
  public RegisteredSchema version(String subject, String version, boolean deleted) {
    return RegisteredSchema.of(find(subject, VersionId.parse(version), deleted));
  }

  /** The ids of the schemas that reference {@code subject}'s {@code version}. */
  public List<Integer> referencedBy(String subject, String version) {
    SchemaVersion target = find(subject, VersionId.parse(version), false);
    return state.referencing(subject, target.version()).stream()
        .filter(v -> !v.deleted())
        .map(SchemaVersion::id)
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * The schema with global id {@code id}.
   *
   * @throws RegistryException 40403 when no version has it
   */
  public StoredSchema schema(int id) {
    return state.schema(id).orElseThrow(() -> RegistryErrors.schemaNotFound(id));
  }

  /**
   * Where schema {@code id} is registered (soft-deleted versions only with {@code deleted}).
   *
   * @throws RegistryException 40403 when nowhere
   */
  public List<SubjectVersion> usages(int id, boolean deleted) {
    List<SubjectVersion> usages =
        state.usages(id).stream()
            .filter(v -> deleted || !v.deleted())
            .map(v -> new SubjectVersion(v.subject(), v.version()))
            .toList();
    if (usages.isEmpty()) {
      throw RegistryErrors.schemaNotFound(id);
    }
    return usages;
  }

  // ---------------------------------------------------------------- deletes

  /**
   * Deletes one version: soft (hidden, its id kept), or with {@code permanent} for good, which only
   * a soft-deleted version allows.
   *
   * @return the deleted version number
   * @throws RegistryException 40401/40402 unknown, 40406 already soft-deleted, 40407 not
   *     soft-deleted first, 42202 invalid version, 42205 read-only, 42206 still referenced
   */
  public int deleteVersion(String subject, String version, boolean permanent) {
    return deletions.deleteVersion(subject, VersionId.parse(version), permanent);
  }

  /**
   * Deletes every version of a subject: soft, or with {@code permanent} (after a soft delete) for
   * good, together with its settings.
   *
   * @return the deleted version numbers, oldest first
   * @throws RegistryException 40401 unknown, 40404 already soft-deleted, 40405 not soft-deleted
   *     first, 42205 read-only, 42206 another subject references it
   */
  public List<Integer> deleteSubject(String subject, boolean permanent) {
    return deletions.deleteSubject(subject, permanent);
  }

  // ---------------------------------------------------------------- helpers

  private void append(RegistryRecord record, String operation) {
    try {
      log.append(record);
    } catch (RegistryStoreException e) {
      throw RegistryErrors.store(operation, e);
    }
  }

  private void append(RegistryRecord record) {
    append(record, "Changing a setting");
  }

  private static void checkSubjectName(String subject) {
    requireNonNull(subject, "subject is null");
    if (subject.isEmpty() || subject.chars().anyMatch(Character::isISOControl)) {
      throw RegistryErrors.invalidSubject(subject);
    }
  }

  private boolean normalizes(String subject, boolean normalize) {
    return normalize || Boolean.TRUE.equals(settings.configInScope(subject).normalize());
  }

  /** Versions of {@code subject}, soft-deleted ones only with {@code deleted}, oldest first. */
  private List<SchemaVersion> live(String subject, boolean deleted) {
    return state.versions(subject).stream().filter(v -> deleted || !v.deleted()).toList();
  }

  private SchemaVersion find(String subject, VersionId id, boolean deleted) {
    List<SchemaVersion> versions = live(subject, deleted);
    Optional<SchemaVersion> found =
        id.latest()
            ? versions.stream().reduce((a, b) -> b)
            : versions.stream().filter(v -> v.version() == id.version()).findFirst();
    return found.orElseThrow(
        () ->
            versions.isEmpty() || id.latest()
                ? RegistryErrors.subjectNotFound(subject)
                : RegistryErrors.versionNotFound(id.version()));
  }

  /** The newest version of {@code subject} with the same schema and references, if any. */
  private Optional<SchemaVersion> match(
      String subject,
      ParsedAvroSchema parsed,
      List<Reference> references,
      boolean normalize,
      boolean deleted) {
    List<SchemaVersion> versions = live(subject, deleted);
    String canonical = parsed.canonical();
    String normalized = normalize ? parsed.normalized().canonical() : null;
    for (int i = versions.size() - 1; i >= 0; i--) {
      SchemaVersion candidate = versions.get(i);
      if (!candidate.references().equals(references)) {
        continue;
      }
      if (candidate.schema().equals(canonical)
          || (normalize
              && (candidate.schema().equals(normalized)
                  || resolver
                      .parsed(StoredSchema.of(candidate))
                      .normalized()
                      .canonical()
                      .equals(normalized)))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private void checkRegisterMode(String subject, Mode mode, boolean idGiven) {
    if (mode == Mode.READONLY) {
      throw RegistryErrors.operationNotPermitted("Subject " + subject + " is in read-only mode");
    }
    if (idGiven && mode != Mode.IMPORT) {
      throw RegistryErrors.operationNotPermitted(
          "Subject "
              + subject
              + " is not in import mode: registering with a given id needs mode IMPORT.");
    }
    if (!idGiven && mode == Mode.IMPORT) {
      throw RegistryErrors.operationNotPermitted(
          "Subject "
              + subject
              + " is not in read-write mode: in IMPORT mode, give the schema's id (and version).");
    }
  }

  private void checkCompatible(
      String subject, ParsedAvroSchema parsed, List<SchemaVersion> versions) {
    List<SchemaVersion> previous = versions.stream().filter(v -> !v.deleted()).toList();
    List<String> messages = incompatibilities(subject, parsed, previous);
    if (!messages.isEmpty()) {
      throw RegistryErrors.incompatibleSchema(subject, messages);
    }
  }

  private List<String> incompatibilities(
      String subject, ParsedAvroSchema parsed, List<SchemaVersion> previousOldestFirst) {
    CompatibilityLevel level = settings.configInScope(subject).level();
    if (level == CompatibilityLevel.NONE || previousOldestFirst.isEmpty()) {
      return List.of();
    }
    List<PreviousSchema> previous = new ArrayList<>();
    for (SchemaVersion version : previousOldestFirst) {
      previous.add(
          new PreviousSchema(
              version.version(), resolver.parsed(StoredSchema.of(version)).schema()));
    }
    return CompatibilityChecker.check(level, parsed.schema(), previous);
  }

  private int chooseId(Integer requested, StoredSchema stored) {
    if (requested != null) {
      if (requested < 1) {
        throw RegistryErrors.invalidSchema(
            "Invalid schema id " + requested + ": ids are positive integers.");
      }
      Optional<StoredSchema> holder = state.schema(requested);
      if (holder.isPresent() && !holder.get().equals(stored)) {
        throw RegistryErrors.idDoesNotMatch(requested);
      }
      return requested;
    }
    return state.id(stored).orElseGet(() -> state.maxId() + 1);
  }

  private int chooseVersion(
      String subject, Integer requested, List<SchemaVersion> versions, Mode mode) {
    int next = versions.stream().mapToInt(SchemaVersion::version).max().orElse(0) + 1;
    if (requested == null || requested == -1) {
      return next;
    }
    if (requested < 1) {
      throw RegistryErrors.invalidVersion(String.valueOf(requested));
    }
    if (mode == Mode.IMPORT) {
      if (versions.stream().anyMatch(v -> v.version() == requested)) {
        throw RegistryErrors.operationNotPermitted(
            "Subject "
                + subject
                + " already has version "
                + requested
                + " with another schema; importing does not overwrite versions.");
      }
      return requested;
    }
    if (requested != next) {
      throw RegistryErrors.invalidSchema(
          "Version " + requested + " is not one more than the previous version of " + subject);
    }
    return next;
  }

  /** The default compatibility level (while no global level is set). */
  public CompatibilityLevel defaultLevel() {
    return defaultLevel;
  }
}
