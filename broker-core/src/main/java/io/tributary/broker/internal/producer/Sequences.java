package io.tributary.broker.internal.producer;

/**
 * Producer sequence arithmetic. Sequences are non-negative ints that wrap from {@link
 * Integer#MAX_VALUE} to 0, as kafka-clients numbers them.
 */
final class Sequences {
  /** The sequence a producer without any appended batch is "at" (the next one must be 0). */
  static final int NONE = -1;

  private Sequences() {}

  /** Whether {@code next} directly follows {@code last}. */
  static boolean follows(int last, int next) {
    return (long) next == (long) last + 1 || (next == 0 && last == Integer.MAX_VALUE);
  }
}
