package io.tributary.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class DeclaredJsonSchemaTest {
  static final String SCHEMA =
      "{\"type\":\"struct\",\"name\":\"order\",\"fields\":["
          + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
          + "{\"field\":\"item\",\"type\":\"string\",\"optional\":true},"
          + "{\"field\":\"price\",\"type\":\"double\",\"optional\":true}]}";
  static final Path FILE = Path.of("/var/log/orders.json");

  @Test
  void eachLineIsReadAsAValueOfTheDeclaredSchema() {
    DeclaredJsonSchema declared = DeclaredJsonSchema.parse(SCHEMA, new ObjectMapper());

    SchemaAndValue read = declared.read("{\"id\": 42, \"item\": \"kayak\"}", FILE, 3);

    assertThat(read.schema().type()).isEqualTo(Schema.Type.STRUCT);
    assertThat(read.schema().field("id").schema().type()).isEqualTo(Schema.Type.INT64);
    Struct order = (Struct) read.value();
    assertThat(order.getInt64("id")).isEqualTo(42L);
    assertThat(order.getString("item")).isEqualTo("kayak");
    assertThat(order.get("price")).isNull();
  }

  @Test
  void aLineThatDoesNotFitNamesTheFileAndLine() {
    DeclaredJsonSchema declared = DeclaredJsonSchema.parse(SCHEMA, new ObjectMapper());

    assertThatThrownBy(() -> declared.read("{\"item\": \"no id\"}", FILE, 7))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(FILE.toString())
        .hasMessageContaining("line 7")
        .hasMessageContaining("json.schema");
    assertThatThrownBy(() -> declared.read("{not json", FILE, 8))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("line 8");
  }

  @Test
  void theConfigRejectsWhatIsNeitherAModeNorASchema() {
    Map<String, String> base =
        Map.of("file.patterns", "/tmp/*.json", "topic", "t", "format", "json");
    Map<String, String> declared = new java.util.HashMap<>(base);
    declared.put("json.schema", SCHEMA);
    assertThat(new FileSourceConfig(declared).getString("json.schema")).isEqualTo(SCHEMA);

    Map<String, String> bad = new java.util.HashMap<>(base);
    bad.put("json.schema", "{\"type\": \"no-such-type\"}");
    assertThatThrownBy(() -> new FileSourceConfig(bad))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("json.schema");
    Map<String, String> unknownMode = new java.util.HashMap<>(base);
    unknownMode.put("json.schema", "guess");
    assertThatThrownBy(() -> new FileSourceConfig(unknownMode))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("json.schema")
        .hasMessageContaining("none, infer");
  }
}
