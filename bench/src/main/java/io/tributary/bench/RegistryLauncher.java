package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs one schema registry instance in its own JVM, the way {@code bin/tributary registry} does:
 * {@code io.tributary.registry.server.cli.RegistryCommand --bootstrap ... --listen
 * 127.0.0.1:<port>}, from the bench module's jar and {@code target/lib} (which hold
 * schema-registry-server and its dependencies).
 */
final class RegistryLauncher {
  static final String MAIN_CLASS = "io.tributary.registry.server.cli.RegistryCommand";

  /** The registry's JVM options: a fixed heap and G1, as the brokers get. */
  static final List<String> REGISTRY_JVM_OPTIONS =
      List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-Djava.awt.headless=true");

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  private final String classpath;

  RegistryLauncher(String classpath) {
    this.classpath = requireNonNull(classpath, "classpath is null");
  }

  /** A registry process and its base URL. */
  record RunningRegistry(JvmProcess process, URI url) implements AutoCloseable {
    @Override
    public void close() {
      process.close();
    }
  }

  /**
   * Starts the registry against {@code bootstrapServers} and waits until {@code GET /subjects}
   * answers 200 (its store has caught up with the {@code _schemas} topic).
   */
  RunningRegistry start(Path workDir, String bootstrapServers, Path log4jConfig) {
    int port = BrokerLauncher.freePort();
    List<String> jvmOptions = new java.util.ArrayList<>(REGISTRY_JVM_OPTIONS);
    jvmOptions.add("-Dlog4j.configuration=" + log4jConfig.toUri());
    JvmProcess process =
        JvmProcess.start(
            "schema registry",
            classpath,
            jvmOptions,
            MAIN_CLASS,
            List.of("--bootstrap", bootstrapServers, "--listen", "127.0.0.1:" + port),
            workDir.resolve("registry.log"));
    URI url = URI.create("http://127.0.0.1:" + port);
    try {
      process.awaitPort("127.0.0.1", port, STARTUP_TIMEOUT);
      awaitSubjects(process, url);
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return new RunningRegistry(process, url);
  }

  private static void awaitSubjects(JvmProcess process, URI url) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    String last = "no answer";
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The schema registry exited with code "
                + process.exitValue()
                + "; see "
                + process.logFile());
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(url.resolve("/subjects"))
                    .timeout(Duration.ofSeconds(5))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the registry", e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the registry", e);
      }
    }
    throw new IllegalStateException(
        "The schema registry did not answer GET /subjects with 200 within "
            + STARTUP_TIMEOUT
            + " (last: "
            + last
            + "); see "
            + process.logFile());
  }
}
