package io.tributary.connect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.jdbc.db.Dialect;
import io.tributary.connect.jdbc.db.TableId;
import io.tributary.connect.jdbc.sink.SinkStatements.ColumnDefinition;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The SQL per dialect, checked as text (there is no Oracle server here). */
class SinkStatementsTest {
  private static final TableId ORDERS = TableId.of("SALES", "ORDERS");
  private static final SinkStatements ORACLE =
      new SinkStatements(new Identifiers(Dialect.ORACLE, true));
  private static final SinkStatements POSTGRES =
      new SinkStatements(new Identifiers(Dialect.POSTGRES, true));
  private static final SinkStatements GENERIC =
      new SinkStatements(new Identifiers(Dialect.GENERIC, true));

  @Test
  void oracleUpsertIsAMergeFromDual() {
    SinkStatements.Bound merge = ORACLE.upsert(ORDERS, List.of("ID"), List.of("NAME", "QTY"));

    assertThat(merge.sql())
        .isEqualTo(
            "MERGE INTO \"SALES\".\"ORDERS\" target USING (SELECT ? \"ID\", ? \"NAME\", ?"
                + " \"QTY\" FROM dual) incoming ON (target.\"ID\" = incoming.\"ID\") WHEN MATCHED"
                + " THEN UPDATE SET target.\"NAME\" = incoming.\"NAME\", target.\"QTY\" ="
                + " incoming.\"QTY\" WHEN NOT MATCHED THEN INSERT (target.\"ID\","
                + " target.\"NAME\", target.\"QTY\") VALUES (incoming.\"ID\", incoming.\"NAME\","
                + " incoming.\"QTY\")");
    assertThat(merge.bindOrder()).containsExactly("ID", "NAME", "QTY");
  }

  @Test
  void oracleMergeOfKeysOnlyHasNoUpdateClause() {
    assertThat(ORACLE.upsert(ORDERS, List.of("A", "B"), List.of()).sql())
        .isEqualTo(
            "MERGE INTO \"SALES\".\"ORDERS\" target USING (SELECT ? \"A\", ? \"B\" FROM dual)"
                + " incoming ON (target.\"A\" = incoming.\"A\" AND target.\"B\" = incoming.\"B\")"
                + " WHEN NOT MATCHED THEN INSERT (target.\"A\", target.\"B\") VALUES"
                + " (incoming.\"A\", incoming.\"B\")");
  }

  @Test
  void postgresUpsertIsOnConflict() {
    TableId orders = TableId.of(null, "orders");

    assertThat(POSTGRES.upsert(orders, List.of("id"), List.of("name")).sql())
        .isEqualTo(
            "INSERT INTO \"orders\" (\"id\", \"name\") VALUES (?, ?) ON CONFLICT (\"id\") DO"
                + " UPDATE SET \"name\" = EXCLUDED.\"name\"");
    assertThat(POSTGRES.upsert(orders, List.of("id"), List.of()).sql())
        .endsWith("ON CONFLICT (\"id\") DO NOTHING");
  }

  @Test
  void genericUpsertIsH2sMergeByKey() {
    SinkStatements.Bound bound = GENERIC.upsert(ORDERS, List.of("ID"), List.of("NAME"));
    assertThat(bound.sql())
        .isEqualTo("MERGE INTO \"SALES\".\"ORDERS\" (\"ID\", \"NAME\") KEY (\"ID\") VALUES (?, ?)");
    assertThat(bound.bindOrder()).containsExactly("ID", "NAME");
  }

  @Test
  void updateBindsValuesThenKeysAndDeleteBindsKeys() {
    SinkStatements.Bound update = ORACLE.update(ORDERS, List.of("ID"), List.of("NAME"));
    SinkStatements.Bound delete = ORACLE.delete(ORDERS, List.of("ID", "LINE"));

    assertThat(update.sql())
        .isEqualTo("UPDATE \"SALES\".\"ORDERS\" SET \"NAME\" = ? WHERE \"ID\" = ?");
    assertThat(update.bindOrder()).containsExactly("NAME", "ID");
    assertThat(delete.sql())
        .isEqualTo("DELETE FROM \"SALES\".\"ORDERS\" WHERE \"ID\" = ? AND \"LINE\" = ?");
  }

  @Test
  void unquotedIdentifiersWhenAskedTo() {
    SinkStatements unquoted = new SinkStatements(new Identifiers(Dialect.ORACLE, false));

    assertThat(unquoted.insert(ORDERS, List.of("ID"), List.of("NAME")).sql())
        .isEqualTo("INSERT INTO SALES.ORDERS (ID, NAME) VALUES (?, ?)");
  }

  @Test
  void oracleCreateTableMapsEveryType() {
    // given a record with every mapped type, keyed by its value's id
    Schema value =
        SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("code", Schema.STRING_SCHEMA)
            .field("i8", Schema.OPTIONAL_INT8_SCHEMA)
            .field("i16", Schema.OPTIONAL_INT16_SCHEMA)
            .field("i32", SchemaBuilder.int32().defaultValue(7).build())
            .field("f32", Schema.OPTIONAL_FLOAT32_SCHEMA)
            .field("f64", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("flag", SchemaBuilder.bool().optional().defaultValue(true).build())
            .field("note", SchemaBuilder.string().optional().defaultValue("it's").build())
            .field("data", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("price", Decimal.builder(2).parameter("connect.decimal.precision", "10").build())
            .field("ratio", Decimal.builder(4).optional().build())
            .field("day", Date.builder().optional().build())
            .field("at", Time.builder().optional().build())
            .field("ts", Timestamp.builder().optional().build())
            .build();
    SinkRecord record =
        new SinkRecord(
            "orders",
            0,
            null,
            null,
            value,
            new Struct(value).put("id", 1L).put("code", "A").put("price", new BigDecimal("1.00")),
            0);
    RecordShape shape =
        RecordShape.of(PkMode.RECORD_VALUE, List.of("id", "code"), List.of(), record);
    TableCatalog catalog =
        new TableCatalog(
            new JdbcSinkConfig(Map.of("connection.url", "jdbc:oracle:thin:@//db:1521/ORCL")),
            ORACLE);

    // when the table is created
    String sql = catalog.createSql(ORDERS, shape);

    // then
    assertThat(sql)
        .isEqualTo(
            "CREATE TABLE \"SALES\".\"ORDERS\" (\"id\" NUMBER(19,0) NOT NULL, \"code\""
                + " VARCHAR2(4000) NOT NULL, \"i8\" NUMBER(3,0), \"i16\" NUMBER(5,0), \"i32\""
                + " NUMBER(10,0) DEFAULT 7 NOT NULL, \"f32\" BINARY_FLOAT, \"f64\" BINARY_DOUBLE,"
                + " \"flag\" NUMBER(1,0) DEFAULT 1, \"note\" CLOB DEFAULT 'it''s', \"data\" BLOB,"
                + " \"price\" NUMBER(10,2) NOT NULL, \"ratio\" NUMBER(*,4), \"day\" DATE, \"at\""
                + " DATE, \"ts\" TIMESTAMP(3), PRIMARY KEY (\"id\", \"code\"))");
  }

  @Test
  void postgresCreateTableMapsEveryType() {
    Schema value =
        SchemaBuilder.struct()
            .field("i8", Schema.INT8_SCHEMA)
            .field("i16", Schema.INT16_SCHEMA)
            .field("i32", Schema.INT32_SCHEMA)
            .field("f32", Schema.FLOAT32_SCHEMA)
            .field("f64", Schema.FLOAT64_SCHEMA)
            .field("flag", Schema.BOOLEAN_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .field("data", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("ratio", Decimal.builder(4).optional().build())
            .field("day", Date.builder().optional().build())
            .field("at", Time.builder().optional().build())
            .field("ts", Timestamp.builder().optional().build())
            .build();
    SinkRecord record = new SinkRecord("t", 0, null, null, value, null, 0);
    RecordShape shape =
        new RecordShape(
            List.of(
                new SinkColumn(
                    "__connect_offset", Schema.INT64_SCHEMA, true, SinkColumn.Origin.KAFKA_OFFSET)),
            value.fields().stream()
                .map(
                    f -> new SinkColumn(f.name(), f.schema(), false, SinkColumn.Origin.VALUE_FIELD))
                .toList());
    TableCatalog catalog =
        new TableCatalog(
            new JdbcSinkConfig(Map.of("connection.url", "jdbc:postgresql:x")), POSTGRES);

    assertThat(catalog.createSql(TableId.of(null, "t"), shape))
        .isEqualTo(
            "CREATE TABLE \"t\" (\"__connect_offset\" BIGINT NOT NULL, \"i8\" SMALLINT NOT NULL,"
                + " \"i16\" SMALLINT NOT NULL, \"i32\" INTEGER NOT NULL, \"f32\" REAL NOT NULL,"
                + " \"f64\" DOUBLE PRECISION NOT NULL, \"flag\" BOOLEAN NOT NULL, \"note\" TEXT,"
                + " \"data\" BYTEA, \"ratio\" NUMERIC(1000,4), \"day\" DATE, \"at\" TIME(3),"
                + " \"ts\" TIMESTAMP(3), PRIMARY KEY (\"__connect_offset\"))");
    assertThat(record.topic()).isEqualTo("t");
  }

  @Test
  void addColumnsPerDialect() {
    List<ColumnDefinition> columns =
        List.of(
            new ColumnDefinition("A", "CLOB", null, false),
            new ColumnDefinition("B", "NUMBER(10,0)", "0", true));

    assertThat(ORACLE.addColumns(ORDERS, columns))
        .containsExactly(
            "ALTER TABLE \"SALES\".\"ORDERS\" ADD (\"A\" CLOB, \"B\" NUMBER(10,0) DEFAULT 0 NOT"
                + " NULL)");
    assertThat(POSTGRES.addColumns(ORDERS, columns))
        .containsExactly(
            "ALTER TABLE \"SALES\".\"ORDERS\" ADD COLUMN \"A\" CLOB, ADD COLUMN \"B\""
                + " NUMBER(10,0) DEFAULT 0 NOT NULL");
    assertThat(GENERIC.addColumns(ORDERS, columns)).hasSize(2);
  }

  @Test
  void oracleOffsetsTable() {
    SinkOffsetTable table = new SinkOffsetTable(Dialect.ORACLE, "__tributary_sink_offsets", "sink");

    assertThat(table.createSql())
        .isEqualTo(
            "CREATE TABLE \"__tributary_sink_offsets\" (\"connector\" VARCHAR2(255) NOT NULL,"
                + " \"topic\" VARCHAR2(255) NOT NULL, \"partition\" NUMBER(10,0) NOT NULL,"
                + " \"next_offset\" NUMBER(19,0) NOT NULL, PRIMARY KEY (\"connector\", \"topic\","
                + " \"partition\"))");
  }
}
