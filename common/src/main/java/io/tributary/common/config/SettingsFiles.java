package io.tributary.common.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads flat settings files, as every Tributary command takes them: a {@code .json} file holding
 * one JSON object of string, number or boolean values, or a Java {@code .properties} file (any
 * other name), so Kafka's and Kafka Connect's existing {@code .properties} files work unchanged.
 */
public final class SettingsFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SettingsFiles() {}

  /**
   * The settings in {@code file}, in file order.
   *
   * @throws IOException when the file cannot be read or is not a flat JSON object / properties
   *     file; the message names the file and what is wrong
   */
  public static Map<String, String> load(Path file) throws IOException {
    if (!Files.isReadable(file)) {
      throw new IOException("Cannot read the config file " + file.toAbsolutePath());
    }
    Map<String, String> settings = new LinkedHashMap<>();
    if (file.getFileName().toString().endsWith(".json")) {
      JsonNode root;
      try {
        root = MAPPER.readTree(file.toFile());
      } catch (JsonProcessingException e) {
        throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
      }
      settings.putAll(flatObject(root, file.toString()));
    } else {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      for (String name : properties.stringPropertyNames()) {
        settings.put(name, properties.getProperty(name).trim());
      }
    }
    return settings;
  }

  /**
   * The string values of a flat JSON object (numbers and booleans as their text; null stays null).
   *
   * @param where names the object in error messages (a file, a field)
   * @throws IOException when {@code node} is not an object or holds an array or object value
   */
  public static Map<String, String> flatObject(JsonNode node, String where) throws IOException {
    if (node == null || !node.isObject()) {
      throw new IOException(where + " must hold a flat JSON object of settings");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isContainerNode()) {
        throw new IOException(
            where
                + ": the value of '"
                + field.getKey()
                + "' must be a string, number or boolean, not "
                + (value.isArray() ? "an array" : "an object"));
      }
      settings.put(field.getKey(), value.isNull() ? null : value.asText());
    }
    return settings;
  }
}
