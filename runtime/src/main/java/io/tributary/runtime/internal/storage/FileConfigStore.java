package io.tributary.runtime.internal.storage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.io.AtomicFiles;
import io.tributary.runtime.internal.status.TargetState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connector configurations and target states of a standalone worker in one local JSON file.
 *
 * <p>Layout: {@code {"<name>": {"config": {...}, "target_state": "STARTED"}, ...}}. Every change
 * rewrites the whole file through {@link AtomicFiles}, so after a crash the file holds the state of
 * the last change that returned, or of an earlier one; never a mix. The file holds configs as
 * given, password values included, like Kafka Connect's config topic: keep it readable only by the
 * worker's user (the file is created with the process's umask).
 *
 * <p>Thread-safe: synchronized on the store.
 */
public final class FileConfigStore implements ConfigStore {
  private static final Logger LOGGER = LoggerFactory.getLogger(FileConfigStore.class);
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final Path file;
  private final Map<String, StoredConnector> connectors = new TreeMap<>();

  private FileConfigStore(Path file) {
    this.file = file;
  }

  /**
   * Opens the store, reading the file when it exists.
   *
   * @throws IllegalStateException when the file exists but is not a valid connectors file
   */
  public static FileConfigStore open(Path file) {
    requireNonNull(file, "file is null");
    FileConfigStore store = new FileConfigStore(file);
    store.load();
    return store;
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    try {
      JsonNode root = MAPPER.readTree(file.toFile());
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("it does not hold a JSON object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        Map<String, String> config = new TreeMap<>();
        JsonNode configNode = entry.getValue().get("config");
        if (configNode == null || !configNode.isObject()) {
          throw new IllegalArgumentException("connector '" + entry.getKey() + "' has no config");
        }
        configNode.fields().forEachRemaining(f -> config.put(f.getKey(), f.getValue().asText()));
        TargetState state =
            TargetState.valueOf(entry.getValue().path("target_state").asText("STARTED"));
        connectors.put(entry.getKey(), new StoredConnector(entry.getKey(), config, state));
      }
      LOGGER.info("Read {} connector config(s) from {}", connectors.size(), file);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "Cannot read the connectors file "
              + file.toAbsolutePath()
              + ": "
              + e.getMessage()
              + ". Fix or move it; connectors created over REST are kept there.",
          e);
    }
  }

  @Override
  public synchronized Map<String, StoredConnector> connectors() {
    return Map.copyOf(connectors);
  }

  @Override
  public synchronized void put(String name, Map<String, String> config, TargetState targetState) {
    StoredConnector connector = new StoredConnector(name, config, targetState);
    Map<String, StoredConnector> next = new TreeMap<>(connectors);
    next.put(name, connector);
    write(next);
    connectors.put(name, connector);
  }

  @Override
  public synchronized void putTargetState(String name, TargetState targetState) {
    StoredConnector current = connectors.get(name);
    if (current == null) {
      throw new IllegalArgumentException("No stored connector named " + name);
    }
    put(name, current.config(), targetState);
  }

  @Override
  public synchronized void remove(String name) {
    if (!connectors.containsKey(name)) {
      return;
    }
    Map<String, StoredConnector> next = new TreeMap<>(connectors);
    next.remove(name);
    write(next);
    connectors.remove(name);
  }

  private void write(Map<String, StoredConnector> content) {
    ObjectNode root = MAPPER.createObjectNode();
    for (StoredConnector connector : content.values()) {
      ObjectNode node = root.putObject(connector.name());
      node.set("config", MAPPER.valueToTree(new TreeMap<>(connector.config())));
      node.put("target_state", connector.targetState().name());
    }
    try {
      AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the connectors file " + file.toAbsolutePath(), e);
    }
  }

  @Override
  public void close() {
    // Every change is already durable.
  }
}
