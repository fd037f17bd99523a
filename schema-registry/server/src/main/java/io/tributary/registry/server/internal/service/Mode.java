package io.tributary.registry.server.internal.service;

import java.util.Locale;
import java.util.Optional;

/**
 * What writes a subject (or, globally, the registry) accepts: READWRITE registers with ids and
 * versions the registry chooses, READONLY refuses every write (42205), IMPORT registers only with
 * the id and version given (to copy another registry's schemas) and checks no compatibility.
 */
public enum Mode {
  READWRITE,
  READONLY,
  IMPORT;

  /** The mode named {@code value} (case-insensitive), or empty. */
  public static Optional<Mode> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Mode mode : values()) {
      if (mode.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
