package io.tributary.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/schema-registry.md documents every key of the converter and the serializers. */
class SerdeDocsTest {
  @Test
  void everyKeyIsInTheDocs() throws Exception {
    String docs = Files.readString(Path.of("..", "..", "docs", "schema-registry.md"));
    for (String key : AvroSerdeConfig.configDef().names()) {
      assertThat(docs).as(key).contains("`" + key + "`");
    }
  }
}
