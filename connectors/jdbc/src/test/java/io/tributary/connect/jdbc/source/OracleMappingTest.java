package io.tributary.connect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.db.Dialect;
import io.tributary.connect.jdbc.db.DialectKind;
import io.tributary.connect.jdbc.db.TributaryTypes;
import java.lang.reflect.Proxy;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.ZoneOffset;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/**
 * Oracle's column metadata as its driver reports it (no Oracle server here): NUMBER with and
 * without precision, DATE with a time of day, and upper-case identifiers matched from configs.
 */
class OracleMappingTest {
  /** Metadata of one column: label, JDBC type, type name, precision, scale, nullability. */
  private static ResultSetMetaData column(
      String label, int type, String typeName, int precision, int scale) {
    return (ResultSetMetaData)
        Proxy.newProxyInstance(
            OracleMappingTest.class.getClassLoader(),
            new Class<?>[] {ResultSetMetaData.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getColumnCount" -> 1;
                  case "getColumnLabel", "getColumnName" -> label;
                  case "getColumnType" -> type;
                  case "getColumnTypeName" -> typeName;
                  case "getPrecision" -> precision;
                  case "getScale" -> scale;
                  case "isNullable" -> ResultSetMetaData.columnNullable;
                  case "isAutoIncrement" -> false;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static Schema schema(ResultSetMetaData meta, NumericMapping mapping) throws Exception {
    return ColumnMapping.of(
            meta,
            1,
            new ColumnMapping.Options(
                mapping, TimePrecision.CONNECT, ZoneOffset.UTC, DialectKind.ORACLE))
        .orElseThrow()
        .schema();
  }

  @Test
  void numberWithoutPrecisionIsAnExactStringNotBytes() throws Exception {
    ResultSetMetaData number = column("AMOUNT", Types.NUMERIC, "NUMBER", 0, -127);

    assertThat(schema(number, NumericMapping.NONE).name())
        .isEqualTo(TributaryTypes.VARIABLE_DECIMAL);
    assertThat(schema(number, NumericMapping.BEST_FIT).type()).isEqualTo(Schema.Type.STRING);
  }

  @Test
  void numberWithPrecisionFollowsNumericMapping() throws Exception {
    ResultSetMetaData id = column("ID", Types.NUMERIC, "NUMBER", 10, 0);
    ResultSetMetaData price = column("PRICE", Types.NUMERIC, "NUMBER", 12, 2);
    ResultSetMetaData wide = column("WIDE", Types.NUMERIC, "NUMBER", 38, 0);

    assertThat(schema(id, NumericMapping.NONE).name()).isEqualTo(Decimal.LOGICAL_NAME);
    assertThat(schema(id, NumericMapping.BEST_FIT)).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
    assertThat(schema(price, NumericMapping.PRECISION_ONLY).name()).isEqualTo(Decimal.LOGICAL_NAME);
    assertThat(schema(price, NumericMapping.BEST_FIT)).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
    assertThat(schema(wide, NumericMapping.BEST_FIT).name()).isEqualTo(Decimal.LOGICAL_NAME);
  }

  @Test
  void oracleDateKeepsItsTimeOfDay() throws Exception {
    assertThat(schema(column("CREATED", Types.DATE, "DATE", 0, 0), NumericMapping.NONE).name())
        .isEqualTo(org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME);
  }

  @Test
  void configNamesMatchOraclesUpperCaseIdentifiers() throws Exception {
    RowSource orders =
        RowSource.ofTable(io.tributary.connect.jdbc.db.TableId.of("SALES", "ORDERS"));
    ResultSetMetaData meta = column("ORDER_ID", Types.NUMERIC, "NUMBER", 10, 0);

    assertThat(
            Columns.resolve(meta, "order_id", "incrementing.column.name", orders, Dialect.ORACLE))
        .isEqualTo(1);
    assertThatThrownBy(
            () ->
                Columns.resolve(
                    meta, "orderid", "incrementing.column.name", orders, Dialect.ORACLE))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("'orderid'")
        .hasMessageContaining("table SALES.ORDERS")
        .hasMessageContaining("[ORDER_ID]");
  }
}
