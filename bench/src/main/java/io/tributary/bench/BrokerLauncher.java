package io.tributary.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/** Starts one kind of broker as its own JVM on loopback, with its data under a given directory. */
interface BrokerLauncher {
  /**
   * JVM options both brokers run with, so neither gets more heap or a different collector: the
   * settings Apache Kafka's start scripts use by default.
   */
  List<String> BROKER_JVM_OPTIONS =
      List.of(
          "-Xms1g",
          "-Xmx1g",
          "-XX:+UseG1GC",
          "-XX:MaxGCPauseMillis=20",
          "-XX:InitiatingHeapOccupancyPercent=35",
          "-XX:+ExplicitGCInvokesConcurrent",
          "-Djava.awt.headless=true");

  /** The label used in tables, e.g. "broker-core". */
  String label();

  /** Starts the broker with topics auto-created with {@code partitions} partitions. */
  RunningBroker start(Path workDir, int partitions);

  /** A broker process and the address clients use. */
  record RunningBroker(JvmProcess process, String bootstrapServers) implements AutoCloseable {
    @Override
    public void close() {
      process.close();
    }
  }

  /** A loopback port nothing listens on right now. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free loopback port", e);
    }
  }
}
