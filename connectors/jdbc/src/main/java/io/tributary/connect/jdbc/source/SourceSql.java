package io.tributary.connect.jdbc.source;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.jdbc.db.Dialect;
import io.tributary.connect.jdbc.db.DialectKind;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL the source sends, per dialect: PostgreSQL ({@code LIMIT}), Oracle ({@code FETCH FIRST n
 * ROWS ONLY}, {@code SYSTIMESTAMP}, ROWID ranges) and generic ANSI SQL; identifiers quoted or not
 * ({@code quote.sql.identifiers}), reading queries ended by {@code query.suffix}. Callers put
 * conditions together from {@link #column}, {@link #param} and {@link #coalesce}; parameters are
 * bound in the order the conditions are given. Immutable.
 */
public final class SourceSql {
  /** The split column name that asks for Oracle ROWID ranges. */
  public static final String ROWID = "ROWID";

  /** The label of the ROWID text column added for ROWID ranges (not part of the record). */
  public static final String ROWID_LABEL = "TRIBUTARY_ROWID";

  private static final String QUERY_ALIAS = "tributary_query";

  private final Dialect dialect;
  private final boolean quote;
  private final String suffix;

  public SourceSql(Dialect dialect) {
    this(dialect, true, "");
  }

  /**
   * @param quote whether identifiers are quoted ({@code quote.sql.identifiers=always}) or written
   *     as they are ({@code never})
   * @param suffix appended to every reading query ({@code query.suffix}); empty for none
   */
  public SourceSql(Dialect dialect, boolean quote, String suffix) {
    this.dialect = requireNonNull(dialect, "dialect is null");
    this.quote = quote;
    this.suffix = requireNonNull(suffix, "suffix is null").trim();
  }

  /** The SQL configured by {@code quote.sql.identifiers} and {@code query.suffix}. */
  public static SourceSql of(JdbcSourceConfig config) {
    return new SourceSql(
        config.connection().dialect(), config.quoteIdentifiers(), config.querySuffix());
  }

  private String identifier(String name) {
    return quote ? dialect.quote(name) : name;
  }

  private String table(io.tributary.connect.jdbc.db.TableId table) {
    if (quote) {
      return dialect.qualified(table);
    }
    StringBuilder sql = new StringBuilder();
    if (dialect.kind() == DialectKind.GENERIC) {
      table.catalog().ifPresent(c -> sql.append(c).append('.'));
    }
    table.schema().ifPresent(s -> sql.append(s).append('.'));
    return sql.append(table.table()).toString();
  }

  private String withSuffix(StringBuilder sql) {
    if (!suffix.isEmpty()) {
      sql.append(' ').append(suffix);
    }
    return sql.toString();
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The FROM item: the quoted table, or the query as a subquery. */
  public String from(RowSource source) {
    return source
        .table()
        .map(this::table)
        .orElseGet(() -> "(" + source.query().orElseThrow() + ") " + QUERY_ALIAS);
  }

  /** A column as it appears in conditions: quoted, or Oracle's ROWID pseudo-column. */
  public String column(String name) {
    if (dialect.kind() == DialectKind.ORACLE && name.equalsIgnoreCase(ROWID)) {
      return "t.ROWID";
    }
    return identifier(name);
  }

  /** A parameter marker for a value of {@code kind}. */
  public String param(SplitKind kind) {
    return kind == SplitKind.ROWID ? "CHARTOROWID(?)" : "?";
  }

  /** {@code COALESCE("a", "b")}, or the one column alone. */
  public String coalesce(List<String> columns) {
    if (columns.size() == 1) {
      return column(columns.get(0));
    }
    return columns.stream().map(this::column).collect(Collectors.joining(", ", "COALESCE(", ")"));
  }

  /** {@code SELECT * FROM source [WHERE c1 AND c2 ...] [ORDER BY o1, o2 ...]}. */
  public String select(RowSource source, List<String> conditions, List<String> orderBy) {
    StringBuilder sql = new StringBuilder("SELECT * FROM ").append(from(source));
    if (!conditions.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", conditions));
    }
    if (!orderBy.isEmpty()) {
      sql.append(" ORDER BY ")
          .append(orderBy.stream().map(o -> o + " ASC").collect(Collectors.joining(", ")));
    }
    return withSuffix(sql);
  }

  /**
   * Oracle ROWID ranges: {@code SELECT t.*, ROWIDTOCHAR(ROWID) AS "TRIBUTARY_ROWID" FROM table t
   * [WHERE ...] [ORDER BY ...]}, so each row's ROWID can be kept as the range's progress.
   */
  public String selectWithRowid(RowSource source, List<String> conditions, List<String> orderBy) {
    String table =
        source
            .table()
            .map(this::table)
            .orElseThrow(() -> new IllegalArgumentException("ROWID ranges need a table"));
    StringBuilder sql =
        new StringBuilder("SELECT t.*, ROWIDTOCHAR(t.ROWID) AS ")
            .append(identifier(ROWID_LABEL))
            .append(" FROM ")
            .append(table)
            .append(" t");
    if (!conditions.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", conditions));
    }
    if (!orderBy.isEmpty()) {
      sql.append(" ORDER BY ")
          .append(orderBy.stream().map(o -> o + " ASC").collect(Collectors.joining(", ")));
    }
    return withSuffix(sql);
  }

  /** {@code sql} returning at most {@code rows} rows. */
  public String limit(String sql, int rows) {
    return switch (dialect.kind()) {
      case POSTGRES -> sql + " LIMIT " + rows;
      case ORACLE, GENERIC -> sql + " FETCH FIRST " + rows + " ROWS ONLY";
    };
  }

  /** A query for the source's columns (metadata) reading at most one row. */
  public String probe(RowSource source) {
    return limit("SELECT * FROM " + from(source), 1);
  }

  /** The database's current time, one row, one column. */
  public String currentTimestamp() {
    return switch (dialect.kind()) {
      case POSTGRES, GENERIC -> "SELECT CURRENT_TIMESTAMP";
      case ORACLE -> "SELECT SYSTIMESTAMP FROM DUAL";
    };
  }

  /** {@code SELECT MIN(c), MAX(c)[, COUNT(*)] FROM source}: a split column's boundaries. */
  public String boundary(RowSource source, String splitColumn, boolean withCount) {
    String column = column(splitColumn);
    return "SELECT MIN("
        + column
        + "), MAX("
        + column
        + ")"
        + (withCount ? ", COUNT(*)" : "")
        + " FROM "
        + from(source);
  }

  /** {@code SELECT MAX(c) FROM source}: where an incremental stream starts after a split load. */
  public String maximum(RowSource source, String column) {
    return "SELECT MAX(" + column(column) + ") FROM " + from(source);
  }

  /**
   * Oracle: the first ROWID of each of {@code ?} (bound first) groups of the table's extents but
   * the first, in ROWID order, for owner {@code ?} and table {@code ?} (bound second and third).
   * Range {@code i} then reads {@code ROWID >= cut(i-1) AND ROWID < cut(i)}, the first and last
   * ranges open-ended, so rows in extents added later are still read.
   */
  public String oracleRowidCuts() {
    if (dialect.kind() != DialectKind.ORACLE) {
      throw new IllegalStateException("ROWID ranges are Oracle's");
    }
    return "SELECT cut FROM ("
        + "SELECT ROWIDTOCHAR(DBMS_ROWID.ROWID_CREATE(1, data_object_id, relative_fno, block_id, 0))"
        + " AS cut, grp, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY relative_fno, block_id) AS rn"
        + " FROM (SELECT o.data_object_id, e.relative_fno, e.block_id,"
        + " NTILE(?) OVER (ORDER BY e.relative_fno, e.block_id) AS grp"
        + " FROM dba_extents e JOIN dba_objects o ON o.owner = e.owner"
        + " AND o.object_name = e.segment_name AND o.object_type = 'TABLE'"
        + " WHERE e.owner = ? AND e.segment_name = ?))"
        + " WHERE rn = 1 AND grp > 1 ORDER BY grp";
  }
}
