package io.tributary.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.common.config.SettingsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connector as users declare it: a name and a flat configuration, in the shape of Kafka Connect's
 * REST body {@code {"name": "...", "config": {...}}}. Files in that shape are what {@code
 * bin/tributary start|worker} take on the command line; a {@code .properties} file with a {@code
 * name} key (Kafka Connect standalone's connector files) works too.
 */
public record ConnectorDefinition(String name, Map<String, String> config) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public ConnectorDefinition {
    requireNonNull(name, "name is null");
    config = Map.copyOf(requireNonNull(config, "config is null"));
  }

  /**
   * Reads a connector file.
   *
   * @throws IOException naming the file and what is wrong with it
   */
  public static ConnectorDefinition read(Path file) throws IOException {
    if (!Files.isReadable(file)) {
      throw new IOException("Cannot read the connector file " + file.toAbsolutePath());
    }
    if (!file.getFileName().toString().endsWith(".json")) {
      Map<String, String> config = SettingsFiles.load(file);
      String name = config.get("name");
      if (name == null || name.isBlank()) {
        throw new IOException(file + " needs a 'name' setting: the connector's name");
      }
      return new ConnectorDefinition(name, config);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException(
          file + " must hold a JSON object {\"name\": \"...\", \"config\": {...}}");
    }
    JsonNode name = root.get("name");
    if (name == null || !name.isTextual() || name.asText().isBlank()) {
      throw new IOException(
          file + " needs a \"name\": the connector's name, e.g. {\"name\": \"my-source\", ...}");
    }
    JsonNode config = root.get("config");
    if (config == null) {
      throw new IOException(
          file + " needs a \"config\" object with the connector's settings (connector.class, ...)");
    }
    Map<String, String> settings =
        new LinkedHashMap<>(SettingsFiles.flatObject(config, file + " \"config\""));
    String configName = settings.putIfAbsent("name", name.asText());
    if (configName != null && !configName.equals(name.asText())) {
      throw new IOException(
          file
              + ": \"config\" names the connector '"
              + configName
              + "' but \"name\" is '"
              + name.asText()
              + "'; make them equal or drop the one in \"config\"");
    }
    settings.values().removeIf(value -> value == null);
    return new ConnectorDefinition(name.asText(), settings);
  }
}
