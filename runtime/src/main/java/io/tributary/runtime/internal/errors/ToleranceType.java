package io.tributary.runtime.internal.errors;

import java.util.Locale;

/**
 * {@code errors.tolerance}: whether a failed record fails the task ({@code none}) or is skipped.
 */
public enum ToleranceType {
  NONE,
  ALL;

  /** The config value, e.g. {@code none}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a config value, ignoring case. */
  public static ToleranceType of(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
