package io.tributary.registry.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry as users run it: {@code tributary registry --bootstrap ... --listen ...} in its own
 * JVM, serving Confluent's REST API until SIGTERM; bad command lines fail with the fix.
 */
class RegistryCommandIT {
  private static final Duration STARTUP = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void servesTheRestApiAgainstTheGivenClusterAndStopsOnSigterm() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      int port = freePort();
      Path output = tmp.resolve("registry.out");
      Process registry =
          launch(
              output,
              "--bootstrap",
              broker.bootstrapServers(),
              "--listen",
              "127.0.0.1:" + port,
              "--config",
              writeConfig("kafkastore.timeout.ms=10000\n").toString());
      try {
        // When it reports where it listens
        await()
            .atMost(STARTUP)
            .until(() -> Files.readString(output).contains("Schema registry listening on"));
        assertThat(Files.readString(output))
            .contains("http://127.0.0.1:" + port)
            .contains("_schemas on " + broker.bootstrapServers());

        // Then a schema registers once the election has a leader, and reads back by id
        HttpClient http = HttpClient.newHttpClient();
        String body = "{\"schema\": \"{\\\"type\\\": \\\"string\\\"}\"}";
        HttpRequest register =
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/subjects/cli-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        await()
            .atMost(STARTUP)
            .until(
                () ->
                    http.send(register, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        HttpResponse<String> schema =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/subjects/cli-value/versions/1"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.body()).contains("\"subject\":\"cli-value\"").contains("\"version\":1");

        // And SIGTERM stops it cleanly (128 + 15 when the JVM reports the signal)
        registry.destroy();
        assertThat(registry.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(registry.exitValue()).isIn(0, 143);
      } finally {
        registry.destroyForcibly();
      }
    }
  }

  @Test
  void withoutAClusterItSaysWhichOptionToGive() throws Exception {
    Path output = tmp.resolve("no-bootstrap.out");
    Process registry = launch(output, "--listen", "127.0.0.1:0");
    assertThat(registry.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(registry.exitValue()).isEqualTo(2);
    assertThat(Files.readString(output))
        .contains("kafkastore.bootstrap.servers")
        .contains("--bootstrap HOST:PORT");
  }

  @Test
  void aBadCompatibilityLevelIsRejectedWithTheKey() throws Exception {
    Path output = tmp.resolve("bad-level.out");
    Process registry =
        launch(
            output,
            "--bootstrap",
            "127.0.0.1:9",
            "--config",
            writeConfig("schema.compatibility.level=sideways\n").toString());
    assertThat(registry.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(registry.exitValue()).isEqualTo(2);
    assertThat(Files.readString(output))
        .contains("schema.compatibility.level")
        .contains("sideways");
  }

  private Path writeConfig(String properties) throws IOException {
    Path file = Files.createTempFile(tmp, "registry", ".properties");
    Files.writeString(file, properties, StandardCharsets.UTF_8);
    return file;
  }

  private static Process launch(Path output, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RegistryCommand.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
