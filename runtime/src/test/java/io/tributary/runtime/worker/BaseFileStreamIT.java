package io.tributary.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.runtime.testing.EmbeddedWorker;
import io.tributary.runtime.testing.TestingRestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the FileStream pipeline tests share: broker-core and a worker whose plugin.path holds
 * Apache's FileStream connectors (a third-party plugin, not on the test class path), a REST client,
 * and helpers for files and connector configs.
 */
abstract class BaseFileStreamIT {
  static final Path PLUGINS = Path.of("target/test-plugins").toAbsolutePath();
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;
  EmbeddedBroker broker;
  EmbeddedWorker worker;
  TestingRestClient rest;

  @BeforeEach
  void start() {
    broker = EmbeddedBroker.start();
    worker =
        EmbeddedWorker.start(
            broker.bootstrapServers(),
            dir.resolve("worker"),
            Map.of(
                "plugin.path",
                PLUGINS.toString(),
                "offset.flush.interval.ms",
                "500",
                "config.providers",
                "file",
                "config.providers.file.class",
                "org.apache.kafka.common.config.provider.FileConfigProvider"));
    rest = new TestingRestClient(worker.restUrl());
  }

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  static List<String> lines(String prefix, int from, int count) {
    List<String> lines = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      lines.add(prefix + "-" + i);
    }
    return lines;
  }

  static void append(Path file, List<String> lines) throws IOException {
    Files.write(
        file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  static List<String> read(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }

  static Map<String, Object> connector(String name, Map<String, String> config) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("config", config);
    return body;
  }

  Map<String, String> source(Path input, String topic, String converter) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", "FileStreamSource");
    config.put("file", input.toString());
    config.put("topic", topic);
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", converter);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    return config;
  }

  Map<String, String> sink(Path output, String topic, String converter) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
    config.put("file", output.toString());
    config.put("topics", topic);
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", converter);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    return config;
  }

  void awaitState(String name, String state) {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              JsonNode status = rest.get("/connectors/" + name + "/status").body();
              assertThat(status.path("connector").path("state").asText()).isEqualTo(state);
              for (JsonNode task : status.path("tasks")) {
                assertThat(task.path("state").asText()).isEqualTo(state);
              }
            });
  }
}
