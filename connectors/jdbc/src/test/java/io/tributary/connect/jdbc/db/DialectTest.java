package io.tributary.connect.jdbc.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class DialectTest {
  @Test
  void theUrlChoosesTheDialectUnlessOneIsNamed() {
    assertThat(Dialect.choose("jdbc:postgresql://db/sales", Optional.empty()))
        .isEqualTo(Dialect.POSTGRES);
    assertThat(Dialect.choose("jdbc:oracle:thin:@//db:1521/ORCL", Optional.empty()))
        .isEqualTo(Dialect.ORACLE);
    assertThat(Dialect.choose("jdbc:h2:mem:x", Optional.empty())).isEqualTo(Dialect.GENERIC);
    assertThat(Dialect.choose("jdbc:postgresql://db/sales", Optional.of("GenericDatabaseDialect")))
        .isEqualTo(Dialect.GENERIC);
    assertThatThrownBy(() -> Dialect.choose("jdbc:x:y", Optional.of("MySqlDialect")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("dialect.name")
        .hasMessageContaining("MySqlDialect");
  }

  @Test
  void identifiersAreQuotedAndQualified() {
    TableId table = TableId.of("sales", "Order \"Lines\"");
    assertThat(Dialect.POSTGRES.qualified(table)).isEqualTo("\"sales\".\"Order \"\"Lines\"\"\"");
    assertThat(Dialect.ORACLE.unquotedCase("orders")).isEqualTo("ORDERS");
    assertThat(Dialect.POSTGRES.unquotedCase("Orders")).isEqualTo("orders");
  }
}
