package io.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tributary start} as users run it, in its own JVM: broker-core, the schema registry and the
 * worker in one process, each answering where the start-up message says; SIGTERM stops all three.
 */
class StartCommandIT {
  private static final Duration STARTUP = Duration.ofSeconds(90);

  @TempDir Path tmp;

  @Test
  void startsTheBrokerTheRegistryAndTheWorkerInOneProcess() throws Exception {
    int registryPort = freePort();
    int workerPort = freePort();
    Path worker = tmp.resolve("worker.json");
    Files.writeString(worker, "{\"listeners\": \"http://127.0.0.1:" + workerPort + "\"}");
    Path output = tmp.resolve("start.out");
    Process start =
        launch(
            output,
            "start",
            "--data-dir",
            tmp.resolve("data").toString(),
            "--listen",
            "127.0.0.1:0",
            "--registry-listen",
            "127.0.0.1:" + registryPort,
            "--config",
            worker.toString());
    try {
      await().atMost(STARTUP).until(() -> Files.readString(output).contains("Press Ctrl-C"));
      assertThat(Files.readString(output))
          .contains("schema registry               http://127.0.0.1:" + registryPort)
          .contains("worker REST API               http://127.0.0.1:" + workerPort);

      HttpClient http = HttpClient.newHttpClient();
      // The registry accepts a schema once its election has a leader
      HttpRequest register =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + registryPort + "/subjects/start-value/versions"))
              .header("Content-Type", "application/vnd.schemaregistry.v1+json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"schema\": \"\\\"long\\\"\"}"))
              .build();
      await()
          .atMost(STARTUP)
          .until(
              () -> http.send(register, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
      assertThat(get(http, "http://127.0.0.1:" + registryPort + "/subjects"))
          .isEqualTo("[\"start-value\"]");
      // and the worker answers with its version
      assertThat(get(http, "http://127.0.0.1:" + workerPort + "/")).contains("\"version\"");

      start.destroy();
      assertThat(start.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(start.exitValue()).isIn(0, 143);
    } finally {
      start.destroyForcibly();
    }
  }

  @Test
  void aBusyRegistryPortStopsTheStartWithTheOptionToChange() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      Path worker = tmp.resolve("worker.json");
      Files.writeString(worker, "{\"listeners\": \"http://127.0.0.1:0\"}");
      Path output = tmp.resolve("busy.out");
      Process start =
          launch(
              output,
              "start",
              "--data-dir",
              tmp.resolve("data").toString(),
              "--listen",
              "127.0.0.1:0",
              "--registry-listen",
              "127.0.0.1:" + taken.getLocalPort(),
              "--config",
              worker.toString());
      try {
        assertThat(start.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(start.exitValue()).isEqualTo(1);
        assertThat(Files.readString(output))
            .contains("the schema registry could not start on 127.0.0.1:" + taken.getLocalPort())
            .contains("--registry-listen HOST:PORT");
      } finally {
        start.destroyForcibly();
      }
    }
  }

  private static String get(HttpClient http, String url) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static Process launch(Path output, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Tributary.class.getName());
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
