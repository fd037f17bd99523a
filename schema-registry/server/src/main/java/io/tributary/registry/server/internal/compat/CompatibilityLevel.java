package io.tributary.registry.server.internal.compat;

import java.util.Locale;
import java.util.Optional;

/**
 * The compatibility a subject enforces when a new schema version is registered, with Confluent's
 * names. BACKWARD: the new schema can read data written with the previous one; FORWARD: the
 * previous schema can read data written with the new one; FULL: both. The {@code _TRANSITIVE}
 * levels check against every previous version instead of only the newest.
 */
public enum CompatibilityLevel {
  NONE(Direction.NONE, false),
  BACKWARD(Direction.BACKWARD, false),
  BACKWARD_TRANSITIVE(Direction.BACKWARD, true),
  FORWARD(Direction.FORWARD, false),
  FORWARD_TRANSITIVE(Direction.FORWARD, true),
  FULL(Direction.FULL, false),
  FULL_TRANSITIVE(Direction.FULL, true);

  /** Which readers a level requires to read which writers. */
  enum Direction {
    NONE,
    BACKWARD,
    FORWARD,
    FULL;

    boolean newReadsOld() {
      return this == BACKWARD || this == FULL;
    }

    boolean oldReadsNew() {
      return this == FORWARD || this == FULL;
    }
  }

  private final Direction direction;
  private final boolean transitive;

  CompatibilityLevel(Direction direction, boolean transitive) {
    this.direction = direction;
    this.transitive = transitive;
  }

  /** The level named {@code name} (any case, surrounding blanks ignored), empty if none is. */
  public static Optional<CompatibilityLevel> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String upper = name.trim().toUpperCase(Locale.ROOT);
    for (CompatibilityLevel level : values()) {
      if (level.name().equals(upper)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }

  /** True if a new schema is checked against every previous version, not only the newest. */
  public boolean transitive() {
    return transitive;
  }

  Direction direction() {
    return direction;
  }
}
