package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs broker-core from its packaged jar and {@code target/lib} the way {@code bin/tributary
 * broker} does: {@code java -cp broker-core.jar:lib/* io.tributary.broker.cli.BrokerCommand}.
 */
final class BrokerCoreLauncher implements BrokerLauncher {
  private static final String MAIN_CLASS = "io.tributary.broker.cli.BrokerCommand";

  private final String classpath;

  BrokerCoreLauncher(Path brokerCoreTarget) {
    requireNonNull(brokerCoreTarget, "brokerCoreTarget is null");
    this.classpath = Classpaths.jarAndLib(brokerCoreTarget, "broker-core-");
  }

  @Override
  public String label() {
    return "broker-core";
  }

  @Override
  public RunningBroker start(Path workDir, int partitions) {
    int port = BrokerLauncher.freePort();
    Path dataDir = workDir.resolve("data");
    Path config = workDir.resolve("broker.properties");
    try {
      Files.createDirectories(workDir);
      Files.writeString(config, "num.partitions=" + partitions + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + config, e);
    }
    JvmProcess process =
        JvmProcess.start(
            label(),
            classpath,
            BROKER_JVM_OPTIONS,
            MAIN_CLASS,
            List.of(
                "--config",
                config.toString(),
                "--listen",
                "127.0.0.1:" + port,
                "--data-dir",
                dataDir.toString()),
            workDir.resolve("broker.log"));
    try {
      process.awaitPort("127.0.0.1", port, Duration.ofSeconds(60));
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return new RunningBroker(process, "127.0.0.1:" + port);
  }
}
