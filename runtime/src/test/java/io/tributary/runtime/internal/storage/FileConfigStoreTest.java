package io.tributary.runtime.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.runtime.internal.status.TargetState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileConfigStoreTest {
  @TempDir Path dir;

  @Test
  void connectorsAndTargetStatesSurviveReopening() {
    // Given two connectors, one of them then paused
    Path file = dir.resolve("connectors.json");
    try (FileConfigStore store = FileConfigStore.open(file)) {
      store.put("a", Map.of("connector.class", "A", "tasks.max", "2"), TargetState.STARTED);
      store.put("b", Map.of("connector.class", "B"), TargetState.STOPPED);
      store.putTargetState("a", TargetState.PAUSED);
    }

    // When reopened
    try (FileConfigStore store = FileConfigStore.open(file)) {
      // Then both are back with their configs and states
      assertThat(store.connectors()).containsOnlyKeys("a", "b");
      assertThat(store.connectors().get("a").config()).containsEntry("tasks.max", "2");
      assertThat(store.connectors().get("a").targetState()).isEqualTo(TargetState.PAUSED);
      assertThat(store.connectors().get("b").targetState()).isEqualTo(TargetState.STOPPED);

      // When one is removed, it stays removed
      store.remove("b");
    }
    assertThat(FileConfigStore.open(file).connectors()).containsOnlyKeys("a");
  }

  @Test
  void aFileThatIsNotAConnectorsFileFailsWithItsPath() throws Exception {
    Path file = dir.resolve("connectors.json");
    Files.writeString(file, "{\"a\": {\"no-config\": 1}}");

    assertThatThrownBy(() -> FileConfigStore.open(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("'a' has no config");
  }
}
