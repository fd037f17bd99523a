package io.tributary.runtime.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOffsetStoreTest {
  @TempDir Path dir;

  @Test
  void offsetsSurviveReopeningAndComeBackAsLongs() {
    // Given offsets written with Integer values
    Path file = dir.resolve("connect/offsets.json");
    Map<String, Object> partition = Map.of("filename", "/var/log/a.log");
    try (FileOffsetStore store = FileOffsetStore.open(file)) {
      store.put("source", Map.of(partition, Map.of("position", 42)));
      store.put("other", Map.of(Map.of("table", "t", "shard", 3), Map.of("id", 7L)));
    }

    // When the store is opened again
    try (FileOffsetStore store = FileOffsetStore.open(file)) {
      // Then every offset is back, integers as Long (as Kafka Connect hands them to connectors)
      Map<Map<String, Object>, Map<String, Object>> read = store.get("source", List.of(partition));
      assertThat(read).containsEntry(partition, Map.of("position", 42L));
      assertThat(read.get(partition).get("position")).isInstanceOf(Long.class);
      // and a partition built with Integers finds the one stored
      assertThat(store.get("other", List.of(Map.of("shard", 3, "table", "t"))))
          .containsValue(Map.of("id", 7L));
      assertThat(store.all("source")).hasSize(1);
    }
  }

  @Test
  void aNullOffsetRemovesItsPartitionAndRemoveForgetsTheConnector() {
    // Given two partitions of one connector
    FileOffsetStore store = FileOffsetStore.open(dir.resolve("offsets.json"));
    Map<String, Object> a = Map.of("p", "a");
    Map<String, Object> b = Map.of("p", "b");
    store.put("c", Map.of(a, Map.of("o", 1), b, Map.of("o", 2)));

    // When one offset is set to null
    Map<Map<String, Object>, Map<String, Object>> change = new HashMap<>();
    change.put(a, null);
    store.put("c", change);

    // Then only the other partition remains, also after reopening
    assertThat(FileOffsetStore.open(dir.resolve("offsets.json")).all("c")).containsOnlyKeys(b);

    // When the connector is removed, nothing of it remains
    store.remove("c");
    assertThat(FileOffsetStore.open(dir.resolve("offsets.json")).all("c")).isEmpty();
  }

  @Test
  void aCorruptFileFailsWithItsPathInsteadOfStartingFromScratch() throws Exception {
    // Given an offsets file that is not JSON
    Path file = dir.resolve("offsets.json");
    Files.writeString(file, "{not json");

    // When / then opening it fails, naming the file
    assertThatThrownBy(() -> FileOffsetStore.open(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toAbsolutePath().toString());
  }

  @Test
  void aWriteLeavesNoTemporaryFileBehind() throws Exception {
    // Given a store that wrote once
    FileOffsetStore store = FileOffsetStore.open(dir.resolve("offsets.json"));
    store.put("c", Map.of(Map.of("p", 1), Map.of("o", 1)));

    // Then only the offsets file is in the directory
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("offsets.json");
    }
  }
}
