package io.tributary.broker.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
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
      Map<String, String> settings = configFile == null ? new HashMap<>() : load(configFile);
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

  static Map<String, String> load(Path file) throws IOException {
    if (!Files.isReadable(file)) {
      throw new IOException("Cannot read the config file " + file.toAbsolutePath());
    }
    Map<String, String> settings = new HashMap<>();
    if (file.getFileName().toString().endsWith(".json")) {
      JsonNode root = new ObjectMapper().readTree(file.toFile());
      if (root == null || !root.isObject()) {
        throw new IOException(file + " must hold a flat JSON object of broker settings");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getValue().isContainerNode()) {
          throw new IOException(
              file + ": the value of '" + field.getKey() + "' must be a string, number or boolean");
        }
        settings.put(field.getKey(), field.getValue().asText());
      }
    } else {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      for (String name : properties.stringPropertyNames()) {
        settings.put(name, properties.getProperty(name).trim());
      }
    }
    return settings;
  }
}
