package io.tributary.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.common.config.SettingsFiles;
import io.tributary.runtime.ConnectorDefinition;
import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.WorkerRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's configs (configs/quickstart/) load, validate and run: the shipped sample logs
 * flow through broker-core into files under the data directory, the stack trace as one event.
 * TRIBUTARY_HOME and TRIBUTARY_DATA come from the failsafe configuration, as bin/tributary sets
 * them.
 */
class QuickstartIT {
  static final Path QUICKSTART = Path.of(System.getenv("TRIBUTARY_HOME"), "configs", "quickstart");
  static final Path OUT = Path.of(System.getenv("TRIBUTARY_DATA"), "out");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void theSampleLogsReachTheOutputFolder() throws Exception {
    // Given the quickstart's worker settings and connectors, with the file connectors installed
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.createSymbolicLink(plugins.resolve("file"), Path.of("target/plugin").toAbsolutePath());
    Map<String, String> settings =
        new HashMap<>(SettingsFiles.load(QUICKSTART.resolve("worker.json")));
    List<ConnectorDefinition> connectors = new ArrayList<>();
    try (Stream<Path> files = Files.list(QUICKSTART.resolve("connectors"))) {
      for (Path file : files.sorted().toList()) {
        connectors.add(ConnectorDefinition.read(file));
      }
    }
    deleteRecursively(OUT);
    // As the launcher does: the sample logs are copied into the data folder and tailed there.
    Path logs = Files.createDirectories(Path.of(System.getenv("TRIBUTARY_DATA"), "logs"));
    try (Stream<Path> samples = Files.list(QUICKSTART.resolve("sample-logs"))) {
      for (Path sample : samples.toList()) {
        Files.copy(sample, logs.resolve(sample.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }

    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      settings.put("bootstrap.servers", broker.bootstrapServers());
      settings.put("listeners", "http://127.0.0.1:0");
      settings.put("plugin.path", plugins.toString());
      settings.put("offset.storage.file.filename", dir.resolve("offsets.json").toString());
      settings.put("config.storage.file.filename", dir.resolve("connectors.json").toString());

      // When the worker starts with them (as bin/tributary start does with no arguments)
      try (WorkerRuntime worker = WorkerRuntime.start(new WorkerConfig(settings), connectors)) {
        // Then every access log line and every application event lands in the output folder
        int accessLines = lines(QUICKSTART.resolve("sample-logs/access.log")).size();
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> outputValues("access-logs").size() == accessLines);
        assertThat(outputValues("access-logs"))
            .containsExactlyElementsOf(lines(QUICKSTART.resolve("sample-logs/access.log")));
        await().atMost(Duration.ofSeconds(90)).until(() -> outputValues("app-logs").size() == 60);
        // and the stack trace stays one event
        assertThat(outputValues("app-logs"))
            .anySatisfy(
                event ->
                    assertThat(event)
                        .startsWith("2026-11-22T08:00:37")
                        .contains("IllegalStateException: warehouse 7 is offline")
                        .contains("Caused by: java.net.ConnectException"));
      }
    }
  }

  static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  /** The values in the completed output files of a topic, in offset order. */
  static List<String> outputValues(String topic) throws IOException {
    List<String> values = new ArrayList<>();
    if (!Files.isDirectory(OUT)) {
      return values;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(OUT)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().startsWith(topic + "+"))
              .sorted()
              .toList();
    }
    for (Path file : files) {
      for (String line : lines(file)) {
        JsonNode value = JSON.readTree(line);
        values.add(value.isTextual() ? value.asText() : value.toString());
      }
    }
    return values;
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
