package io.tributary.runtime.internal.storage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source offsets of a standalone worker in one local JSON file.
 *
 * <p>Layout: {@code {"<connector>": [{"partition": {...}, "offset": {...}}, ...], ...}}. Every
 * {@link #put} rewrites the whole file through {@link AtomicFiles} (temporary file, fsync, atomic
 * rename, directory fsync), so after a crash the file holds the offsets of the last put that
 * returned, or of an earlier one; never a mix. A file that cannot be parsed fails the worker's
 * start with its path instead of silently starting from scratch.
 *
 * <p>Thread-safe: reads and writes are synchronized on the store.
 */
public final class FileOffsetStore implements OffsetStore {
  private static final Logger LOGGER = LoggerFactory.getLogger(FileOffsetStore.class);

  private record Entry(Map<String, Object> partition, Map<String, Object> offset) {}

  private final Path file;

  /** connector -> canonical partition JSON -> entry. */
  private final Map<String, Map<String, Entry>> offsets = new HashMap<>();

  private FileOffsetStore(Path file) {
    this.file = file;
  }

  /**
   * Opens the store, reading the file when it exists.
   *
   * @throws IllegalStateException when the file exists but is not a valid offsets file
   */
  public static FileOffsetStore open(Path file) {
    requireNonNull(file, "file is null");
    FileOffsetStore store = new FileOffsetStore(file);
    store.load();
    return store;
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    try {
      JsonNode root = OffsetJson.MAPPER.readTree(file.toFile());
      if (root == null || !root.isObject()) {
        throw new IllegalStateException(
            "The offsets file " + file.toAbsolutePath() + " does not hold a JSON object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> connector = it.next();
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (JsonNode node : connector.getValue()) {
          Map<String, Object> partition =
              OffsetJson.MAPPER.convertValue(node.get("partition"), OffsetJson.MAP);
          Map<String, Object> offset =
              OffsetJson.MAPPER.convertValue(node.get("offset"), OffsetJson.MAP);
          entries.put(OffsetJson.canonical(partition), new Entry(partition, offset));
        }
        offsets.put(connector.getKey(), entries);
      }
      LOGGER.info("Read source offsets of {} connector(s) from {}", offsets.size(), file);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "Cannot read the offsets file "
              + file.toAbsolutePath()
              + ": "
              + e.getMessage()
              + ". Fix or move it (connectors then start from scratch).",
          e);
    }
  }

  @Override
  public synchronized Map<Map<String, Object>, Map<String, Object>> get(
      String connector, Collection<Map<String, Object>> partitions) {
    Map<String, Entry> entries = offsets.getOrDefault(connector, Map.of());
    Map<Map<String, Object>, Map<String, Object>> result = new HashMap<>();
    for (Map<String, Object> partition : partitions) {
      Entry entry = entries.get(OffsetJson.canonical(partition));
      if (entry != null) {
        result.put(partition, OffsetJson.normalized(entry.offset()));
      }
    }
    return result;
  }

  @Override
  public synchronized Map<Map<String, Object>, Map<String, Object>> all(String connector) {
    Map<Map<String, Object>, Map<String, Object>> result = new LinkedHashMap<>();
    for (Entry entry : offsets.getOrDefault(connector, Map.of()).values()) {
      result.put(OffsetJson.normalized(entry.partition()), OffsetJson.normalized(entry.offset()));
    }
    return result;
  }

  @Override
  public synchronized void put(
      String connector, Map<Map<String, Object>, Map<String, Object>> changes) {
    requireNonNull(connector, "connector is null");
    Map<String, Entry> entries = new LinkedHashMap<>(offsets.getOrDefault(connector, Map.of()));
    for (Map.Entry<Map<String, Object>, Map<String, Object>> change : changes.entrySet()) {
      String key = OffsetJson.canonical(change.getKey());
      if (change.getValue() == null) {
        entries.remove(key);
      } else {
        OffsetJson.canonical(change.getValue()); // fails on values JSON cannot hold
        entries.put(key, new Entry(copy(change.getKey()), copy(change.getValue())));
      }
    }
    Map<String, Map<String, Entry>> next = new HashMap<>(offsets);
    if (entries.isEmpty()) {
      next.remove(connector);
    } else {
      next.put(connector, entries);
    }
    write(next);
    offsets.clear();
    offsets.putAll(next);
  }

  @Override
  public synchronized void remove(String connector) {
    if (!offsets.containsKey(connector)) {
      return;
    }
    Map<String, Map<String, Entry>> next = new HashMap<>(offsets);
    next.remove(connector);
    write(next);
    offsets.remove(connector);
  }

  private void write(Map<String, Map<String, Entry>> content) {
    ObjectNode root = OffsetJson.MAPPER.createObjectNode();
    content.keySet().stream()
        .sorted()
        .forEach(
            connector -> {
              ArrayNode list = root.putArray(connector);
              for (Entry entry : content.get(connector).values()) {
                ObjectNode node = list.addObject();
                node.set("partition", OffsetJson.MAPPER.valueToTree(entry.partition()));
                node.set("offset", OffsetJson.MAPPER.valueToTree(entry.offset()));
              }
            });
    try {
      AtomicFiles.write(
          file, OffsetJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the offsets file " + file.toAbsolutePath(), e);
    }
  }

  private static Map<String, Object> copy(Map<String, Object> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  @Override
  public void close() {
    // Every put is already durable.
  }
}
