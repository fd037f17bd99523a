package io.tributary.interop.kafka4;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * broker-core running in its own JVM, started from its packaged jar and its {@code target/lib}
 * (kafka-clients 3.9.x), so the tests' kafka-clients 4.x never share a classpath with it.
 *
 * <p>{@link #start()} binds a free loopback port, puts the data and the captured process output
 * under {@code target/broker-core-process/<n>/}, and returns once the port accepts connections (or
 * fails at a deadline with the tail of the broker's output). {@link #close()} kills the process and
 * waits for it to end. The jar and lib folder come from the system properties {@code
 * broker-core.jar} and {@code broker-core.lib}, which the failsafe configuration sets.
 */
final class BrokerCoreProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final Process process;
  private final int port;
  private final Path outputFile;

  private BrokerCoreProcess(Process process, int port, Path outputFile) {
    this.process = process;
    this.port = port;
    this.outputFile = outputFile;
  }

  static BrokerCoreProcess start() {
    Path jar = Path.of(requiredProperty("broker-core.jar"));
    Path lib = Path.of(requiredProperty("broker-core.lib"));
    if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
      throw new IllegalStateException(
          "broker-core is not packaged ("
              + jar
              + " and "
              + lib
              + " must exist); build with: mvn -B verify -pl interop/kafka4-clients -am");
    }
    Path workDir =
        Path.of(
                System.getProperty("interop.work-dir", "target/broker-core-process"),
                Integer.toString(INSTANCES.incrementAndGet()))
            .toAbsolutePath();
    int port = freePort();
    Path outputFile = workDir.resolve("broker-core.log");
    try {
      deleteRecursively(workDir);
      Files.createDirectories(workDir);
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-cp",
                  jar + File.pathSeparator + lib + File.separator + "*",
                  "io.tributary.broker.cli.BrokerCommand",
                  "--listen",
                  "127.0.0.1:" + port,
                  "--data-dir",
                  workDir.resolve("data").toString())
              .redirectErrorStream(true)
              .redirectOutput(outputFile.toFile())
              .start();
      BrokerCoreProcess broker = new BrokerCoreProcess(process, port, outputFile);
      try {
        broker.awaitPort();
      } catch (RuntimeException e) {
        broker.close();
        throw e;
      }
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start broker-core in " + workDir, e);
    }
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** What the broker process printed so far. */
  String output() {
    try {
      return Files.readString(outputFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + outputFile, e);
    }
  }

  private void awaitPort() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "broker-core exited with code "
                + process.exitValue()
                + " before listening on "
                + bootstrapServers()
                + ":\n"
                + output());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "broker-core is not listening on "
                  + bootstrapServers()
                  + " after "
                  + START_TIMEOUT
                  + ":\n"
                  + output());
        }
        try {
          TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for broker-core", e);
        }
      }
    }
  }

  /** Kills the broker process and waits for it to end. */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "broker-core (pid " + process.pid() + ") did not end within " + STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while stopping broker-core", e);
    }
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "System property " + name + " is not set; run the tests through Maven (failsafe)");
    }
    return value;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free loopback port", e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Override
  public String toString() {
    return "broker-core process on " + bootstrapServers() + " (output in " + outputFile + ")";
  }
}
