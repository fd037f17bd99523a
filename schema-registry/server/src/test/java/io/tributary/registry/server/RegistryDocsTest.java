package io.tributary.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * docs/schema-registry.md documents every registry setting, and the example in configs/registry/ is
 * a valid registry config that uses only known keys.
 */
class RegistryDocsTest {
  private static final Path ROOT = Path.of("..", "..");

  @Test
  void everySettingIsInTheDocs() throws Exception {
    String docs = Files.readString(ROOT.resolve("docs").resolve("schema-registry.md"));
    for (String key : RegistryConfig.configDef().names()) {
      assertThat(docs).as(key).contains("`" + key + "`");
    }
  }

  @Test
  void theExampleConfigIsValid() throws Exception {
    Properties properties = new Properties();
    try (Reader reader =
        Files.newBufferedReader(
            ROOT.resolve("configs").resolve("registry").resolve("schema-registry.properties"))) {
      properties.load(reader);
    }
    Map<String, String> settings = new HashMap<>();
    properties.stringPropertyNames().forEach(k -> settings.put(k, properties.getProperty(k)));

    RegistryConfig config = new RegistryConfig(settings);

    assertThat(config.listenerPort()).isEqualTo(8081);
    for (String key : settings.keySet()) {
      assertThat(RegistryConfig.configDef().names()).as(key).contains(key);
    }
  }
}
