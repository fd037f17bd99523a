package io.tributary.broker.cli;

import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConfig;
import io.tributary.common.config.SettingsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary broker}: runs broker-core alone until Ctrl-C or SIGTERM. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = "Run broker-core, the embedded Kafka-compatible log, on its own.")
public final class BrokerCommand implements Callable<Integer> {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Broker settings as a .properties file (Kafka's server.properties names) or a flat JSON"
              + " object.")
  Path configFile;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where topic data lives (default: ./data/broker).")
  Path dataDir;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "Where Kafka clients connect (default: 127.0.0.1:9092).")
  String listen;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BrokerCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    BrokerConfig config;
    try {
      Map<String, String> settings =
          configFile == null ? new HashMap<>() : new HashMap<>(SettingsFiles.load(configFile));
      if (dataDir != null) {
        settings.put(BrokerConfig.LOG_DIR_CONFIG, dataDir.toString());
      }
      if (listen != null) {
        settings.put(BrokerConfig.LISTENERS_CONFIG, listen);
      }
      config = new BrokerConfig(settings);
    } catch (ConfigException | IOException e) {
      System.err.println("tributary broker: " + e.getMessage());
      return 2;
    }
    Broker broker;
    try {
      broker = Broker.start(config);
    } catch (RuntimeException e) {
      System.err.println("tributary broker: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  stopped.countDown();
                },
                "broker-shutdown"));
    System.out.println(
        "broker-core is listening on "
            + broker.bootstrapServers()
            + " (data in "
            + config.dataDir().toAbsolutePath()
            + ")");
    System.out.println(
        "Point any Kafka client at bootstrap.servers="
            + broker.bootstrapServers()
            + ". Press Ctrl-C to stop.");
    stopped.await();
    return 0;
  }
}
