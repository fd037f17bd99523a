package io.tributary.connect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.jdbc.db.Dialect;
import io.tributary.connect.jdbc.db.TableId;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The SQL each dialect gets; Oracle's is checked here only (no Oracle server in the tests). */
class SourceSqlTest {
  private static final RowSource ORDERS = RowSource.ofTable(TableId.of("SALES", "ORDERS"));

  private static UnitQuery.Context context(
      Dialect dialect, SourceMode mode, String inc, List<String> ts) {
    return new UnitQuery.Context(
        new SourceSql(dialect),
        mode,
        new UnitQuery.Resolved(Optional.ofNullable(inc), ts),
        Calendar.getInstance(TimeZone.getTimeZone("UTC")));
  }

  private static UnitState stream() {
    return new UnitState(
        new WorkUnit(WorkUnit.Kind.STREAM, ORDERS, Optional.empty(), Optional.empty()));
  }

  @Test
  void oracleQuotesIdentifiersAndPagesWithFetchFirst() {
    SourceSql sql = new SourceSql(Dialect.ORACLE);
    assertThat(sql.probe(ORDERS))
        .isEqualTo("SELECT * FROM \"SALES\".\"ORDERS\" FETCH FIRST 1 ROWS ONLY");
    assertThat(sql.currentTimestamp()).isEqualTo("SELECT SYSTIMESTAMP FROM DUAL");
    assertThat(sql.probe(RowSource.ofQuery("SELECT a FROM t")))
        .isEqualTo("SELECT * FROM (SELECT a FROM t) tributary_query FETCH FIRST 1 ROWS ONLY");
  }

  @Test
  void postgresPagesWithLimitAndGenericWithFetchFirst() {
    assertThat(new SourceSql(Dialect.POSTGRES).probe(ORDERS))
        .isEqualTo("SELECT * FROM \"SALES\".\"ORDERS\" LIMIT 1");
    assertThat(new SourceSql(Dialect.GENERIC).limit("SELECT 1 FROM x", 5))
        .isEqualTo("SELECT 1 FROM x FETCH FIRST 5 ROWS ONLY");
  }

  @Test
  void oracleIncrementalQueries() {
    assertThat(
            UnitQuery.stream(
                    context(Dialect.ORACLE, SourceMode.INCREMENTING, "ID", List.of()),
                    stream(),
                    java.time.Instant.EPOCH)
                .sql())
        .isEqualTo("SELECT * FROM \"SALES\".\"ORDERS\" WHERE \"ID\" > ? ORDER BY \"ID\" ASC");
    assertThat(
            UnitQuery.stream(
                    context(
                        Dialect.ORACLE, SourceMode.TIMESTAMP, null, List.of("UPDATED", "CREATED")),
                    stream(),
                    java.time.Instant.EPOCH)
                .sql())
        .isEqualTo(
            "SELECT * FROM \"SALES\".\"ORDERS\" WHERE COALESCE(\"UPDATED\", \"CREATED\") > ? AND"
                + " COALESCE(\"UPDATED\", \"CREATED\") < ? ORDER BY COALESCE(\"UPDATED\", \"CREATED\") ASC");
    UnitQuery both =
        UnitQuery.stream(
            context(Dialect.ORACLE, SourceMode.TIMESTAMP_INCREMENTING, "ID", List.of("UPDATED")),
            stream(),
            java.time.Instant.EPOCH);
    assertThat(both.sql())
        .isEqualTo(
            "SELECT * FROM \"SALES\".\"ORDERS\" WHERE \"UPDATED\" < ? AND ((\"UPDATED\" = ? AND"
                + " \"ID\" > ?) OR \"UPDATED\" > ?) ORDER BY \"UPDATED\" ASC, \"ID\" ASC");
    assertThat(both.parameters()).hasSize(4);
  }

  @Test
  void oracleRangesOfANumericSplitColumnUpToAWatermark() {
    Split split = new Split("ORDER_ID", SplitKind.LONG, true, false, List.of("100", "200"), 1);
    WorkUnit unit =
        new WorkUnit(
            WorkUnit.Kind.LOAD,
            ORDERS,
            Optional.of(split),
            Optional.of(new WorkUnit.Watermark(Optional.of(300L), Optional.empty())));
    UnitState state = new UnitState(unit);
    UnitQuery.Context context =
        context(Dialect.ORACLE, SourceMode.INCREMENTING, "ORDER_ID", List.of());

    assertThat(UnitQuery.load(context, state).sql())
        .isEqualTo(
            "SELECT * FROM \"SALES\".\"ORDERS\" WHERE \"ORDER_ID\" >= ? AND \"ORDER_ID\" < ? AND"
                + " \"ORDER_ID\" <= ? ORDER BY \"ORDER_ID\" ASC");
    state.advanceLoad("150", false);
    assertThat(UnitQuery.load(context, state).sql())
        .isEqualTo(
            "SELECT * FROM \"SALES\".\"ORDERS\" WHERE \"ORDER_ID\" > ? AND \"ORDER_ID\" < ? AND"
                + " \"ORDER_ID\" <= ? ORDER BY \"ORDER_ID\" ASC");
  }

  @Test
  void oracleRowidRanges() {
    SourceSql sql = new SourceSql(Dialect.ORACLE);
    Split split = new Split("ROWID", SplitKind.ROWID, true, false, List.of("AAAR1", "AAAR2"), 2);
    UnitState state =
        new UnitState(
            new WorkUnit(WorkUnit.Kind.LOAD, ORDERS, Optional.of(split), Optional.empty()));

    assertThat(
            UnitQuery.load(context(Dialect.ORACLE, SourceMode.BULK, null, List.of()), state).sql())
        .isEqualTo(
            "SELECT t.*, ROWIDTOCHAR(t.ROWID) AS \"TRIBUTARY_ROWID\" FROM \"SALES\".\"ORDERS\" t"
                + " WHERE t.ROWID >= CHARTOROWID(?) ORDER BY t.ROWID ASC");
    assertThat(sql.oracleRowidCuts())
        .isEqualTo(
            "SELECT cut FROM (SELECT ROWIDTOCHAR(DBMS_ROWID.ROWID_CREATE(1, data_object_id,"
                + " relative_fno, block_id, 0)) AS cut, grp, ROW_NUMBER() OVER (PARTITION BY grp"
                + " ORDER BY relative_fno, block_id) AS rn FROM (SELECT o.data_object_id,"
                + " e.relative_fno, e.block_id, NTILE(?) OVER (ORDER BY e.relative_fno,"
                + " e.block_id) AS grp FROM dba_extents e JOIN dba_objects o ON o.owner = e.owner"
                + " AND o.object_name = e.segment_name AND o.object_type = 'TABLE' WHERE e.owner"
                + " = ? AND e.segment_name = ?)) WHERE rn = 1 AND grp > 1 ORDER BY grp");
    assertThat(sql.boundary(ORDERS, "ORDER_ID", true))
        .isEqualTo(
            "SELECT MIN(\"ORDER_ID\"), MAX(\"ORDER_ID\"), COUNT(*) FROM \"SALES\".\"ORDERS\"");
  }

  @Test
  void cutsDivideTheSpanEvenlyForEachKind() {
    assertThat(SplitKind.LONG.cuts("1", "100", 4)).containsExactly("25", "50", "75");
    assertThat(SplitKind.LONG.cuts("1", "3", 8)).containsExactly("2");
    assertThat(SplitKind.DATE.cuts("2024-01-01", "2024-01-05", 2)).containsExactly("2024-01-03");
    assertThat(SplitKind.TIMESTAMP.cuts("2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z", 2))
        .containsExactly("2024-01-01T00:30:00Z");
    assertThat(SplitKind.DECIMAL.cuts("0.5", "1.5", 2)).containsExactly("1");
  }

  @Test
  void unitsRoundTripThroughTheirTextForm() {
    WorkUnit unit =
        new WorkUnit(
            WorkUnit.Kind.LOAD,
            RowSource.ofQuery("SELECT * FROM a WHERE x = 'p&q=r'"),
            Optional.of(
                new Split(
                    "at",
                    SplitKind.TIMESTAMP,
                    false,
                    true,
                    List.of("2024-01-01T00:00:00Z", "x,y"),
                    3)),
            Optional.of(
                new WorkUnit.Watermark(Optional.empty(), Optional.of("2024-02-01T00:00:00Z"))));

    assertThat(WorkUnit.decodeAll(WorkUnit.encodeAll(List.of(unit, unit))))
        .containsExactly(unit, unit);
    assertThat(unit.split().orElseThrow().nullRange()).isTrue();
  }
}
