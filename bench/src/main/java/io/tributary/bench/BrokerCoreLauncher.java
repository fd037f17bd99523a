package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs broker-core from its packaged jar and {@code target/lib} the way {@code bin/tributary
 * broker} does: {@code java -cp broker-core.jar:lib/* io.tributary.broker.cli.BrokerCommand}.
 */
final class BrokerCoreLauncher implements BrokerLauncher {
  private static final Logger LOGGER = LoggerFactory.getLogger(BrokerCoreLauncher.class);
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

  /**
   * Settings both brokers get alike. Apache Kafka is started with the same values; a broker-core
   * build that does not know a key (an older build without a group coordinator rejects unknown
   * keys) is started again without it, and the report says so in the broker's log.
   */
  private static final Map<String, String> SHARED_SETTINGS =
      Map.of("group.initial.rebalance.delay.ms", "0");

  @Override
  public RunningBroker start(Path workDir, int partitions) {
    Map<String, String> settings = new LinkedHashMap<>(SHARED_SETTINGS);
    while (true) {
      try {
        return start(workDir, partitions, settings);
      } catch (IllegalStateException e) {
        String unknown = unknownSetting(workDir.resolve("broker.log"), settings);
        if (unknown == null) {
          throw e;
        }
        LOGGER.warn("This broker-core build does not know {}; starting it without", unknown);
        settings.remove(unknown);
      }
    }
  }

  private RunningBroker start(Path workDir, int partitions, Map<String, String> settings) {
    int port = BrokerLauncher.freePort();
    Path dataDir = workDir.resolve("data");
    Path config = workDir.resolve("broker.properties");
    StringBuilder properties = new StringBuilder("num.partitions=" + partitions + "\n");
    settings.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
    try {
      Files.createDirectories(workDir);
      Files.writeString(config, properties);
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

  /** The setting the broker's output names as unknown, or null. */
  private static String unknownSetting(Path brokerLog, Map<String, String> settings) {
    String output;
    try {
      output = Files.readString(brokerLog);
    } catch (IOException e) {
      return null;
    }
    for (String key : settings.keySet()) {
      if (output.contains("Unknown broker configuration '" + key + "'")) {
        return key;
      }
    }
    return null;
  }
}
