package io.tributary.registry.server.internal.service;

import io.tributary.registry.server.internal.compat.CompatibilityLevel;
import io.tributary.registry.server.internal.store.RegistryRecord;
import io.tributary.registry.server.internal.store.RegistryRecord.CompatibilityConfig;
import io.tributary.registry.server.internal.store.RegistryRecord.ModeConfig;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's compatibility ({@code /config}) and mode ({@code /mode}) settings, global (a
 * {@code null} subject) and per subject. A subject without its own setting uses the global one;
 * without a global one, the default level (BACKWARD unless configured) and READWRITE.
 *
 * <p>Thread-safe; changes are appended to the log under the registry's write lock, so they are
 * ordered with registrations.
 */
public final class Settings {
  private static final Logger LOGGER = LoggerFactory.getLogger(Settings.class);

  private final RegistryState state;
  private final CompatibilityLevel defaultLevel;
  private final Object writeLock;
  private final Consumer<RegistryRecord> append;

  Settings(
      RegistryState state,
      CompatibilityLevel defaultLevel,
      Object writeLock,
      Consumer<RegistryRecord> append) {
    this.state = state;
    this.defaultLevel = defaultLevel;
    this.writeLock = writeLock;
    this.append = append;
  }

  /** The setting that applies to {@code subject} (null: the global one). */
  public CompatibilitySetting configInScope(String subject) {
    Optional<CompatibilityConfig> own = subject == null ? Optional.empty() : state.config(subject);
    return own.or(() -> state.config(null))
        .map(Settings::setting)
        .orElse(new CompatibilitySetting(defaultLevel, null));
  }

  /**
   * The global setting ({@code subject} null) or {@code subject}'s own; with {@code
   * defaultToGlobal}, the global one when the subject has none.
   *
   * @throws RegistryException 40408 when the subject has none and {@code defaultToGlobal} is false
   */
  public CompatibilitySetting config(String subject, boolean defaultToGlobal) {
    if (subject == null || defaultToGlobal) {
      return configInScope(subject);
    }
    return state
        .config(subject)
        .map(Settings::setting)
        .orElseThrow(() -> RegistryErrors.subjectCompatibilityNotConfigured(subject));
  }

  /**
   * Sets the compatibility level (and {@code normalize}, when not null) globally or of a subject.
   *
   * @throws RegistryException 42203 when {@code level} names no level
   */
  public CompatibilitySetting setConfig(String subject, String level, Boolean normalize) {
    CompatibilityLevel parsed =
        CompatibilityLevel.parse(level)
            .orElseThrow(() -> RegistryErrors.invalidCompatibilityLevel(level));
    synchronized (writeLock) {
      append.accept(new CompatibilityConfig(subject, parsed.name(), normalize));
    }
    LOGGER.info("Compatibility of {} set to {}", scope(subject), parsed);
    return new CompatibilitySetting(parsed, normalize);
  }

  /**
   * Removes a subject's setting (it falls back to the global one) or the global one (it falls back
   * to the default).
   *
   * @return the setting before
   * @throws RegistryException 40401 when the subject has no setting of its own
   */
  public CompatibilitySetting deleteConfig(String subject) {
    synchronized (writeLock) {
      CompatibilitySetting before =
          subject == null
              ? configInScope(null)
              : state
                  .config(subject)
                  .map(Settings::setting)
                  .orElseThrow(() -> RegistryErrors.subjectNotFound(subject));
      append.accept(new CompatibilityConfig(subject, null, null));
      LOGGER.info("Compatibility setting of {} deleted", scope(subject));
      return before;
    }
  }

  /** The mode that applies to {@code subject} (null: the global one). */
  public Mode modeInScope(String subject) {
    Optional<Mode> own = subject == null ? Optional.empty() : state.mode(subject);
    return own.or(() -> state.mode(null)).orElse(Mode.READWRITE);
  }

  /**
   * The global mode ({@code subject} null) or {@code subject}'s own; with {@code defaultToGlobal},
   * the global one when the subject has none.
   *
   * @throws RegistryException 40409 when the subject has none and {@code defaultToGlobal} is false
   */
  public Mode mode(String subject, boolean defaultToGlobal) {
    if (subject == null || defaultToGlobal) {
      return modeInScope(subject);
    }
    return state.mode(subject).orElseThrow(() -> RegistryErrors.subjectModeNotConfigured(subject));
  }

  /**
   * Sets the mode globally or of a subject. Entering IMPORT needs the scope to hold no live schemas
   * (ids would clash), unless {@code force}.
   *
   * @throws RegistryException 42204 when {@code mode} names no mode, 42205 when IMPORT is refused
   */
  public Mode setMode(String subject, String mode, boolean force) {
    Mode parsed = Mode.parse(mode).orElseThrow(() -> RegistryErrors.invalidMode(mode));
    synchronized (writeLock) {
      if (parsed == Mode.IMPORT && modeInScope(subject) != Mode.IMPORT && !force) {
        boolean hasSchemas =
            subject == null
                ? !state.subjects(false).isEmpty()
                : state.versions(subject).stream().anyMatch(v -> !v.deleted());
        if (hasSchemas) {
          throw RegistryErrors.operationNotPermitted(
              "Cannot import since found existing subjects in "
                  + scope(subject)
                  + "; delete them first or set force=true.");
        }
      }
      append.accept(new ModeConfig(subject, parsed.name()));
    }
    LOGGER.info("Mode of {} set to {}", scope(subject), parsed);
    return parsed;
  }

  /**
   * Removes a subject's mode (it falls back to the global one) or the global one (READWRITE).
   *
   * @return the mode before
   * @throws RegistryException 40401 when the subject has no mode of its own
   */
  public Mode deleteMode(String subject) {
    synchronized (writeLock) {
      Mode before =
          subject == null
              ? modeInScope(null)
              : state.mode(subject).orElseThrow(() -> RegistryErrors.subjectNotFound(subject));
      append.accept(new ModeConfig(subject, null));
      LOGGER.info("Mode of {} deleted", scope(subject));
      return before;
    }
  }

  /** Drops a permanently deleted subject's own settings (the caller holds the write lock). */
  void dropSubjectSettings(String subject) {
    if (state.config(subject).isPresent()) {
      append.accept(new CompatibilityConfig(subject, null, null));
    }
    if (state.mode(subject).isPresent()) {
      append.accept(new ModeConfig(subject, null));
    }
  }

  private static CompatibilitySetting setting(CompatibilityConfig config) {
    CompatibilityLevel level =
        CompatibilityLevel.parse(config.compatibilityLevel())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The log holds an unknown compatibility level "
                            + config.compatibilityLevel()));
    return new CompatibilitySetting(level, config.normalize());
  }

  private static String scope(String subject) {
    return subject == null ? "the registry (global)" : "subject " + subject;
  }
}
