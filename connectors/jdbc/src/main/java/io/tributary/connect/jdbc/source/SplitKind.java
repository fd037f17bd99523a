package io.tributary.connect.jdbc.source;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of split column values, each with a text form used in task configs and offsets (so a
 * range's bounds and progress survive restarts exactly), its JDBC binding and how {@code n} ranges
 * are cut between a minimum and a maximum.
 */
public enum SplitKind {
  /** Integral columns: decimal text of a long. */
  LONG,
  /** Fractional numeric columns: BigDecimal plain text. */
  DECIMAL,
  /** DATE columns: ISO date. */
  DATE,
  /** TIMESTAMP columns (with or without zone): ISO instant, nanoseconds kept. */
  TIMESTAMP,
  /** Oracle ROWID: its text form (ROWIDTOCHAR / CHARTOROWID). */
  ROWID;

  /** The split kind of a column of JDBC type {@code type} and scale, or empty if not splittable. */
  public static Optional<SplitKind> of(int type, int scale) {
    return switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Optional.of(LONG);
      case Types.NUMERIC, Types.DECIMAL -> Optional.of(scale == 0 ? LONG : DECIMAL);
      case Types.DATE -> Optional.of(DATE);
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> Optional.of(TIMESTAMP);
      default -> Optional.empty();
    };
  }

  /** Reads column {@code column} of the current row as text (null for SQL NULL). */
  public String read(ResultSet rs, int column, Calendar calendar) throws SQLException {
    switch (this) {
      case LONG:
        BigDecimal whole = rs.getBigDecimal(column);
        // setScale(0) is the value itself for a whole number (and throws for a fraction).
        return whole == null ? null : whole.setScale(0, RoundingMode.UNNECESSARY).toPlainString();
      case DECIMAL:
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : value.toPlainString();
      case DATE:
        java.sql.Date date = rs.getDate(column, calendar);
        return date == null ? null : date.toLocalDate().toString();
      case TIMESTAMP:
        Timestamp ts = rs.getTimestamp(column, calendar);
        return ts == null ? null : ts.toInstant().toString();
      case ROWID:
        return rs.getString(column);
      default:
        throw new IllegalStateException("unknown split kind " + this);
    }
  }

  /** Binds the text form {@code value} to parameter {@code index}. */
  public void bind(PreparedStatement statement, int index, String value, Calendar calendar)
      throws SQLException {
    switch (this) {
      case LONG -> statement.setBigDecimal(index, new BigDecimal(value));
      case DECIMAL -> statement.setBigDecimal(index, new BigDecimal(value));
      case DATE ->
          statement.setDate(index, java.sql.Date.valueOf(LocalDate.parse(value)), calendar);
      case TIMESTAMP ->
          statement.setTimestamp(index, Timestamp.from(Instant.parse(value)), calendar);
      case ROWID -> statement.setString(index, value);
      default -> throw new IllegalStateException("unknown split kind " + this);
    }
  }

  /**
   * The {@code n - 1} cut points dividing [min, max] into {@code n} ranges of equal width, without
   * duplicates (a narrow span gives fewer ranges). ROWID ranges come from the database instead.
   */
  public List<String> cuts(String min, String max, int n) {
    List<String> cuts = new ArrayList<>();
    if (n <= 1 || min == null || max == null) {
      return cuts;
    }
    BigDecimal lo = toNumber(min);
    BigDecimal hi = toNumber(max);
    if (hi.compareTo(lo) <= 0) {
      return cuts;
    }
    BigDecimal width = hi.subtract(lo);
    for (int i = 1; i < n; i++) {
      BigDecimal point =
          lo.add(
              width
                  .multiply(BigDecimal.valueOf(i))
                  .divide(BigDecimal.valueOf(n), 9, RoundingMode.FLOOR));
      String text = fromNumber(point);
      if (toNumber(text).compareTo(lo) > 0
          && (cuts.isEmpty() || !cuts.get(cuts.size() - 1).equals(text))) {
        cuts.add(text);
      }
    }
    return cuts;
  }

  private BigDecimal toNumber(String text) {
    return switch (this) {
      case LONG, DECIMAL -> new BigDecimal(text);
      case DATE -> BigDecimal.valueOf(LocalDate.parse(text).toEpochDay());
      case TIMESTAMP ->
          BigDecimal.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(text)));
      case ROWID ->
          throw new IllegalStateException("ROWID ranges are not computed by interpolation");
    };
  }

  private String fromNumber(BigDecimal number) {
    return switch (this) {
      case LONG -> number.setScale(0, RoundingMode.FLOOR).toBigInteger().toString();
      case DECIMAL -> number.stripTrailingZeros().toPlainString();
      case DATE -> LocalDate.ofEpochDay(number.longValue()).toString();
      case TIMESTAMP ->
          Instant.EPOCH
              .plus(number.setScale(0, RoundingMode.FLOOR).longValue(), ChronoUnit.MICROS)
              .toString();
      case ROWID ->
          throw new IllegalStateException("ROWID ranges are not computed by interpolation");
    };
  }
}
