package io.tributary.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.runtime.WorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/runtime.md lists every worker setting, so the documentation keeps up with the code. */
class RuntimeDocsTest {
  @Test
  void everyWorkerSettingIsInTheDocs() throws Exception {
    String docs = Files.readString(Path.of("..", "docs", "runtime.md"));
    for (String key : WorkerConfig.configDef().names()) {
      assertThat(docs).as("docs/runtime.md documents " + key).contains("`" + key + "`");
    }
  }
}
