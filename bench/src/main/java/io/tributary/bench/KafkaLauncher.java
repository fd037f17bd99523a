package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a single-node Apache Kafka broker in KRaft mode (broker and controller in one process) from
 * the Maven jars on the bench classpath: formats the log directory with {@code
 * kafka.tools.StorageTool} and starts {@code kafka.Kafka server.properties}.
 */
final class KafkaLauncher implements BrokerLauncher {
  private final ToolRunner tools;

  KafkaLauncher(ToolRunner tools) {
    this.tools = requireNonNull(tools, "tools is null");
  }

  @Override
  public String label() {
    return "Apache Kafka";
  }

  @Override
  public RunningBroker start(Path workDir, int partitions) {
    int port = BrokerLauncher.freePort();
    int controllerPort = BrokerLauncher.freePort();
    Path properties = workDir.resolve("server.properties");
    Path logDir = workDir.resolve("data");
    String config =
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
            "log.dirs=" + logDir,
            "num.partitions=" + partitions,
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "");
    Path log4j = workDir.resolve("log4j.properties");
    try {
      Files.createDirectories(workDir);
      Files.writeString(properties, config);
      Files.writeString(log4j, Log4jConfigs.BROKER);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + properties, e);
    }
    String clusterId =
        tools
            .run(
                "kafka.tools.StorageTool",
                List.of("random-uuid"),
                workDir.resolve("storage-uuid.log"),
                Duration.ofMinutes(1))
            .requireSuccess("kafka-storage random-uuid")
            .output()
            .lines()
            .map(String::trim)
            .filter(line -> line.matches("[A-Za-z0-9_-]{22}"))
            .reduce((first, second) -> second)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "kafka-storage random-uuid printed no cluster id; see "
                            + workDir.resolve("storage-uuid.log")));
    tools
        .run(
            "kafka.tools.StorageTool",
            List.of("format", "-t", clusterId, "-c", properties.toString()),
            workDir.resolve("storage-format.log"),
            Duration.ofMinutes(1))
        .requireSuccess("kafka-storage format");

    List<String> jvmOptions = new ArrayList<>(BROKER_JVM_OPTIONS);
    jvmOptions.add("-Dlog4j.configuration=" + log4j.toUri());
    JvmProcess process =
        JvmProcess.start(
            label(),
            tools.classpath(),
            jvmOptions,
            "kafka.Kafka",
            List.of(properties.toString()),
            workDir.resolve("broker.log"));
    try {
      process.awaitPort("127.0.0.1", port, Duration.ofSeconds(90));
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return new RunningBroker(process, "127.0.0.1:" + port);
  }
}
