package io.tributary.connect.jdbc.source;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One range of a split load: the split column, its kind, whether its values are unique (then a
 * restart resumes strictly after the last value read, else at it, re-reading its ties), the cut
 * points shared by all ranges of the plan, and which range this is. Range {@code i} of {@code
 * cuts.size() + 1} value ranges reads {@code cuts[i-1] <= column < cuts[i]} (the first and last
 * open-ended); when the column is nullable, one more range reads its NULLs. Immutable.
 */
public record Split(
    String column, SplitKind kind, boolean unique, boolean nullable, List<String> cuts, int index) {
  public Split {
    requireNonNull(column, "column is null");
    requireNonNull(kind, "kind is null");
    cuts = List.copyOf(cuts);
    if (index < 0 || index > rangeCount(cuts, nullable) - 1) {
      throw new IllegalArgumentException("range " + index + " out of " + cuts);
    }
  }

  /** How many ranges a plan with these cuts has. */
  public static int rangeCount(List<String> cuts, boolean nullable) {
    return cuts.size() + 1 + (nullable ? 1 : 0);
  }

  public int rangeCount() {
    return rangeCount(cuts, nullable);
  }

  /** The range reading the column's NULLs. */
  public boolean nullRange() {
    return nullable && index == cuts.size() + 1;
  }

  public Optional<String> lower() {
    return nullRange() || index == 0 ? Optional.empty() : Optional.of(cuts.get(index - 1));
  }

  public Optional<String> upper() {
    return nullRange() || index >= cuts.size() ? Optional.empty() : Optional.of(cuts.get(index));
  }

  public Split withIndex(int other) {
    return new Split(column, kind, unique, nullable, cuts, other);
  }
}
