package io.tributary.connect.jdbc.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How DECIMAL / NUMERIC / NUMBER columns become Connect types ({@code numeric.mapping}, Confluent's
 * values): {@code none} keeps Connect {@code Decimal}; {@code precision_only} maps integral columns
 * (scale 0, precision up to 18) to INT8..INT64; {@code best_fit} does that and maps columns with a
 * fraction and a precision up to 15 (what a double holds exactly) to FLOAT64.
 */
public enum NumericMapping {
  NONE,
  PRECISION_ONLY,
  BEST_FIT;

  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<NumericMapping> parse(String value) {
    if (value == null || value.isBlank()) {
      return Optional.of(NONE);
    }
    String upper = value.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.name().equals(upper)).findFirst();
  }
}
