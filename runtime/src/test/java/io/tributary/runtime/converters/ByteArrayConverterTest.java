package io.tributary.runtime.converters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class ByteArrayConverterTest {
  private final ByteArrayConverter converter = new ByteArrayConverter();

  @Test
  void passesBytesThroughBothWays() {
    // given
    converter.configure(Map.of(), false);
    byte[] bytes = {1, 2, 3};

    // when
    SchemaAndValue read = converter.toConnectData("t", bytes);

    // then
    assertThat(read.schema()).isEqualTo(Schema.OPTIONAL_BYTES_SCHEMA);
    assertThat(read.value()).isSameAs(bytes);
    assertThat(converter.fromConnectData("t", Schema.BYTES_SCHEMA, bytes)).isSameAs(bytes);
    assertThat(converter.fromConnectData("t", null, bytes)).isSameAs(bytes);
    assertThat(converter.fromConnectData("t", null, null)).isNull();
    assertThat(converter.toConnectData("t", null).value()).isNull();
  }

  @Test
  void acceptsAByteBufferWithoutMovingIt() {
    ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 8, 7});
    assertThat(converter.fromConnectData("t", Schema.OPTIONAL_BYTES_SCHEMA, buffer))
        .containsExactly(9, 8, 7);
    assertThat(buffer.position()).isZero();
  }

  @Test
  void convertsHeaders() {
    converter.configure(Map.of("converter.type", "header"));
    byte[] bytes = {4};
    assertThat(converter.fromConnectHeader("t", "h", null, bytes)).isSameAs(bytes);
    assertThat(converter.toConnectHeader("t", "h", bytes).value()).isSameAs(bytes);
  }

  @Test
  void rejectsOtherSchemasAndValuesNamingThem() {
    assertThatThrownBy(() -> converter.fromConnectData("t", Schema.STRING_SCHEMA, "x"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("STRING");
    assertThatThrownBy(() -> converter.fromConnectData("t", null, "x"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("java.lang.String");
  }

  @Test
  void documentsTheConverterType() {
    assertThat(converter.config().names()).contains("converter.type");
  }
}
