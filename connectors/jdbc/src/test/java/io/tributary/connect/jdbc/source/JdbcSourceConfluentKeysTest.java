package io.tributary.connect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.db.Dialect;
import io.tributary.connect.jdbc.db.TableId;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Confluent's less common source keys on a real PostgreSQL: query.suffix, timestamp.granularity,
 * transaction.isolation.mode, quote.sql.identifiers, query.retry.attempts and the deprecated
 * numeric.precision.mapping.
 */
class JdbcSourceConfluentKeysTest extends BasePostgresSourceTest {
  private static Object field(SourceRecord record, String name) {
    return ((Struct) record.value()).get(name);
  }

  @Test
  void querySuffixEndsEveryReadingQuery() throws Exception {
    // given five rows and a suffix limiting the bulk query to two
    postgres.execute(
        "CREATE TABLE suffix_t (id INT PRIMARY KEY)",
        "INSERT INTO suffix_t SELECT g FROM generate_series(1, 5) g");
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props(
              "mode", "bulk",
              "table.include.list", "suffix_t",
              "query.suffix", "LIMIT 2",
              "load.once", "true"),
          1);

      // when
      List<SourceRecord> records = source.pollUntil(2);

      // then
      assertThat(records).hasSize(2);
      assertThat(source.pollOnce()).isEmpty();
    }
    assertThat(
            new SourceSql(Dialect.POSTGRES, true, "FOR SHARE")
                .select(
                    RowSource.ofTable(new TableId(Optional.empty(), Optional.empty(), "t")),
                    List.of("\"id\" > ?"),
                    List.of("\"id\"")))
        .isEqualTo("SELECT * FROM \"t\" WHERE \"id\" > ? ORDER BY \"id\" ASC FOR SHARE");
  }

  @ParameterizedTest
  @CsvSource({
    "nanos_long, 1704164645123456000",
    "nanos_string, 1704164645123456000",
    "nanos_iso_datetime_string, 2024-01-02T03:04:05.123456000"
  })
  void timestampGranularityRepresentsTimestampsInNanoseconds(String granularity, String expected)
      throws Exception {
    // given
    String table = "gran_" + granularity;
    postgres.execute(
        "CREATE TABLE " + table + " (id INT PRIMARY KEY, at TIMESTAMP NOT NULL)",
        "INSERT INTO " + table + " VALUES (1, '2024-01-02 03:04:05.123456')");
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props(
              "mode",
              "bulk",
              "table.include.list",
              table,
              "timestamp.granularity",
              granularity,
              "load.once",
              "true"),
          1);

      // when
      SourceRecord record = source.pollUntil(1).get(0);

      // then
      Object value = field(record, "at");
      assertThat(String.valueOf(value)).isEqualTo(expected);
      Schema.Type type = record.valueSchema().field("at").schema().type();
      assertThat(type)
          .isEqualTo(granularity.equals("nanos_long") ? Schema.Type.INT64 : Schema.Type.STRING);
    }
  }

  @ParameterizedTest
  @CsvSource({"DEFAULT, read committed", "SERIALIZABLE, serializable"})
  void transactionIsolationModeSetsTheReadingTransactionsLevel(String mode, String expected)
      throws Exception {
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props(
              "mode",
              "bulk",
              "query",
              "SELECT 1 AS id, current_setting('transaction_isolation') AS iso",
              "transaction.isolation.mode",
              mode,
              "load.once",
              "true"),
          1);

      assertThat(field(source.pollUntil(1).get(0), "iso")).isEqualTo(expected);
    }
  }

  @Test
  void identifiersAreWrittenUnquotedWithNever() throws Exception {
    // given a table created with an unquoted mixed-case name (PostgreSQL folds it to lower case)
    postgres.execute(
        "CREATE TABLE Never_Quoted (Id INT PRIMARY KEY)", "INSERT INTO Never_Quoted VALUES (1)");
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props(
              "mode", "incrementing",
              "incrementing.column.name", "id",
              "table.include.list", "never_quoted",
              "quote.sql.identifiers", "never"),
          1);

      assertThat(field(source.pollUntil(1).get(0), "id")).isEqualTo(1);
    }
    assertThat(
            new SourceSql(Dialect.POSTGRES, false, "")
                .select(
                    RowSource.ofTable(TableId.of("public", "Orders")),
                    List.of(new SourceSql(Dialect.POSTGRES, false, "").column("Id") + " > ?"),
                    List.of()))
        .isEqualTo("SELECT * FROM public.Orders WHERE Id > ?");
  }

  @Test
  void queryRetryAttemptsRetriesAFailingQueryBeforeFailing() throws Exception {
    // given a query over a table that does not exist yet, retried without limit
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props(
              "mode", "bulk",
              "query", "SELECT * FROM appears_later",
              "query.retry.attempts", "-1",
              "load.once", "true"),
          1);

      // when it fails, then the failure is retriable ...
      assertThatThrownBy(source::pollOnce)
          .isInstanceOf(RetriableException.class)
          .hasMessageContaining("appears_later");
      assertThatThrownBy(source::pollOnce).isInstanceOf(RetriableException.class);

      // ... and once the table exists the query succeeds
      postgres.execute(
          "CREATE TABLE appears_later (id INT)", "INSERT INTO appears_later VALUES (7)");
      assertThat(field(source.pollUntil(1).get(0), "id")).isEqualTo(7);
    }
    // by default (0) the same failure fails the task at once
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props("mode", "bulk", "query", "SELECT * FROM never_there", "load.once", "true"), 1);
      assertThatThrownBy(source::pollOnce)
          .isInstanceOf(ConnectException.class)
          .isNotInstanceOf(RetriableException.class)
          .hasMessageContaining("never_there");
    }
    // and with 1 it fails on the second failure in a row
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props(
              "mode", "bulk",
              "query", "SELECT * FROM never_there",
              "query.retry.attempts", "1",
              "load.once", "true"),
          1);
      assertThatThrownBy(source::pollOnce).isInstanceOf(RetriableException.class);
      assertThatThrownBy(source::pollOnce).isNotInstanceOf(RetriableException.class);
    }
  }

  @Test
  void numericPrecisionMappingIsTheDeprecatedPrecisionOnly() {
    JdbcSourceConfig deprecated =
        new JdbcSourceConfig(props("mode", "bulk", "numeric.precision.mapping", "true"));
    assertThat(deprecated.problems()).isEmpty();
    assertThat(deprecated.numericMapping()).isEqualTo(NumericMapping.PRECISION_ONLY);
    assertThat(new JdbcSourceConfig(props("mode", "bulk")).numericMapping())
        .isEqualTo(NumericMapping.NONE);
    assertThat(
            new JdbcSourceConfig(
                    props(
                        "mode",
                        "bulk",
                        "numeric.precision.mapping",
                        "true",
                        "numeric.mapping",
                        "best_fit"))
                .problems())
        .containsKey("numeric.precision.mapping");
  }

  @Test
  void invalidValuesAreValidationErrors() {
    assertThat(
            new JdbcSourceConfig(props("mode", "bulk", "timestamp.granularity", "micros_long"))
                .problems()
                .get("timestamp.granularity"))
        .singleElement()
        .asString()
        .contains("micros_long", "nanos_long");
    assertThat(
            new JdbcSourceConfig(
                    props(
                        "mode",
                        "bulk",
                        "timestamp.granularity",
                        "nanos_long",
                        "time.precision.mode",
                        "micros"))
                .problems())
        .containsKey("timestamp.granularity");
    assertThat(
            new JdbcSourceConfig(
                    props("mode", "bulk", "transaction.isolation.mode", "SQL_SERVER_SNAPSHOT"))
                .problems()
                .get("transaction.isolation.mode"))
        .singleElement()
        .asString()
        .contains("SQL Server");
    assertThat(Optional.ofNullable(JdbcSourceConfig.UNSUPPORTED_CONFLUENT_KEYS.get("query.suffix")))
        .isEmpty();
  }
}
