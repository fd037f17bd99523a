package io.tributary.runtime.internal.errors;

import static java.util.Objects.requireNonNull;

/**
 * A connector's error handling settings.
 *
 * @param retryTimeoutMs {@code errors.retry.timeout}: how long a retriable failure is retried; 0
 *     for never, -1 for ever
 * @param maxDelayMs {@code errors.retry.delay.max.ms}: the longest wait between two attempts
 * @param tolerance {@code errors.tolerance}
 */
public record ErrorPolicy(long retryTimeoutMs, long maxDelayMs, ToleranceType tolerance) {
  public ErrorPolicy {
    requireNonNull(tolerance, "tolerance is null");
    if (retryTimeoutMs < -1) {
      throw new IllegalArgumentException(
          "retryTimeoutMs must be -1 or more, was " + retryTimeoutMs);
    }
    if (maxDelayMs < 0) {
      throw new IllegalArgumentException("maxDelayMs must not be negative, was " + maxDelayMs);
    }
  }
}
