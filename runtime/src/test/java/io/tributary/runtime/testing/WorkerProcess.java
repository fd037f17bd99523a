package io.tributary.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code tributary worker} in a JVM of its own (the test class path), so tests can kill it with
 * SIGKILL mid-flight and start it again on the same files and REST port.
 */
public final class WorkerProcess implements AutoCloseable {
  private static final long START_TIMEOUT_MS = 60_000;

  private final Path dir;
  private final Path config;
  private final int port;
  private Process process;

  private WorkerProcess(Path dir, Path config, int port) {
    this.dir = dir;
    this.config = config;
    this.port = port;
  }

  /**
   * Writes {@code worker.properties} under {@code dir} (REST on a free loopback port, offsets and
   * connectors files in {@code dir}, plus {@code settings}) and starts the worker.
   */
  public static WorkerProcess start(Path dir, String bootstrapServers, Map<String, String> settings)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> all = new TreeMap<>();
    all.put("bootstrap.servers", bootstrapServers);
    all.put("listeners", "http://127.0.0.1:" + port);
    all.put("offset.storage.file.filename", dir.resolve("offsets.json").toString());
    all.put("config.storage.file.filename", dir.resolve("connectors.json").toString());
    all.putAll(settings);
    StringBuilder text = new StringBuilder();
    all.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    Path config = dir.resolve("worker.properties");
    Files.writeString(config, text);
    WorkerProcess worker = new WorkerProcess(dir, config, port);
    worker.startAgain();
    return worker;
  }

  public URI restUrl() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** Starts the worker (again) and waits until its REST API answers. */
  public void startAgain() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.tributary.runtime.cli.Tributary");
    command.add("worker");
    command.add("--config");
    command.add(config.toString());
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("worker.log").toFile()))
            .start();
    TestingRestClient rest = new TestingRestClient(restUrl());
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (true) {
      try {
        if (rest.get("/health").status() == 200) {
          return;
        }
      } catch (UncheckedIOException e) {
        // not listening yet
      }
      if (!process.isAlive() || System.currentTimeMillis() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "The worker did not start; see " + dir.resolve("worker.log"));
      }
      Thread.sleep(100);
    }
  }

  /** Kills the worker with SIGKILL: no shutdown hook, no last commit. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
