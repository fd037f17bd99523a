package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The result of one benchmark step: its figures, or why the step failed. A failed step is shown as
 * failed in the report instead of stopping the other steps.
 */
sealed interface Outcome<T> {
  record Measured<T>(T value) implements Outcome<T> {
    public Measured {
      requireNonNull(value, "value is null");
    }
  }

  record Failed<T>(String reason) implements Outcome<T> {
    public Failed {
      requireNonNull(reason, "reason is null");
    }
  }

  /** Runs the step, turning an exception into a {@link Failed} outcome with its message. */
  static <T> Outcome<T> of(Supplier<T> step) {
    try {
      return new Measured<>(step.get());
    } catch (RuntimeException e) {
      return new Failed<>(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  default <R> Optional<R> map(Function<T, R> figure) {
    return this instanceof Measured<T> measured
        ? Optional.of(figure.apply(measured.value()))
        : Optional.empty();
  }
}
