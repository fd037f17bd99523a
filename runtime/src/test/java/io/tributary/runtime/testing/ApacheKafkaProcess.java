package io.tributary.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one process) from the
 * Maven jars on the test class path, in a JVM of its own on a free loopback port: the log directory
 * is formatted with {@code kafka.tools.StorageTool}, then {@code kafka.Kafka} runs. Everything
 * lives under the given directory; {@link #close} kills the JVM.
 */
public final class ApacheKafkaProcess implements AutoCloseable {
  private static final long START_TIMEOUT_MS = 90_000;

  private final Process process;
  private final int port;
  private final Path dir;

  private ApacheKafkaProcess(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Formats a log directory under {@code dir} and starts Kafka; returns once it accepts. */
  public static ApacheKafkaProcess start(Path dir) throws IOException, InterruptedException {
    int port = freePort();
    int controllerPort = freePort();
    Files.createDirectories(dir);
    Path properties = dir.resolve("server.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "log.dirs=" + dir.resolve("data"),
            "num.partitions=1",
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            ""));
    Process format =
        java(
                dir.resolve("storage-format.log"),
                "kafka.tools.StorageTool",
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                properties.toString())
            .start();
    if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new IllegalStateException(
          "kafka-storage format failed; see " + dir.resolve("storage-format.log"));
    }
    Process kafka = java(dir.resolve("kafka.log"), "kafka.Kafka", properties.toString()).start();
    ApacheKafkaProcess started = new ApacheKafkaProcess(kafka, port, dir);
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (!accepts(port)) {
      if (!kafka.isAlive() || System.currentTimeMillis() > deadline) {
        started.close();
        throw new IllegalStateException(
            "Apache Kafka did not start on port " + port + "; see " + dir.resolve("kafka.log"));
      }
      Thread.sleep(100);
    }
    return started;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public Path dir() {
    return dir;
  }

  private static ProcessBuilder java(Path log, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
