package io.tributary.registry.server.cli;

import io.tributary.common.config.SettingsFiles;
import io.tributary.registry.server.RegistryConfig;
import io.tributary.registry.server.RegistryServer;
import io.tributary.registry.server.internal.store.RegistryStoreException;
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

/**
 * {@code tributary registry}: one schema registry instance alone, against any Kafka cluster, until
 * Ctrl-C or SIGTERM. Several instances given the same cluster and {@code kafkastore.topic} share
 * their schemas and elect one leader.
 */
@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    description = {
      "Run the schema registry (Confluent Schema Registry's REST API) against any Kafka cluster.",
      "Schemas live in the compacted topic _schemas; several instances on one cluster share them."
    })
public final class RegistryCommand implements Callable<Integer> {
  /** Where the registry listens unless told otherwise: loopback, as the broker does. */
  static final String DEFAULT_LISTEN = "127.0.0.1:8081";

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Registry settings as a .properties file (Confluent's schema-registry.properties names:"
              + " listeners, kafkastore.bootstrap.servers, kafkastore.topic,"
              + " schema.compatibility.level, ...) or a flat JSON object.")
  Path configFile;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      description = "The Kafka cluster holding the schemas (kafkastore.bootstrap.servers).")
  String bootstrap;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description =
          "Where the REST API listens (default: "
              + DEFAULT_LISTEN
              + " unless the config file sets listeners).")
  String listen;

  public static void main(String[] args) {
    System.exit(new CommandLine(new RegistryCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    RegistryConfig config;
    try {
      config = new RegistryConfig(settings());
    } catch (ConfigException | IOException e) {
      System.err.println("tributary registry: " + e.getMessage());
      if (e instanceof ConfigException
          && e.getMessage().contains(RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG)) {
        System.err.println(
            "Give the Kafka cluster with --bootstrap HOST:PORT (for example --bootstrap"
                + " 127.0.0.1:9092, where 'bin/tributary broker' listens).");
      }
      return 2;
    }
    RegistryServer server;
    try {
      server = RegistryServer.start(config);
    } catch (RegistryStoreException | IllegalStateException | IllegalArgumentException e) {
      System.err.println("tributary registry: the registry could not start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "registry-shutdown"));
    System.out.println(
        "Schema registry listening on "
            + server.url()
            + " (schemas in topic "
            + config.topic()
            + " on "
            + String.join(",", config.getList(RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG))
            + ")");
    System.out.println(
        "Point converters and serializers at schema.registry.url="
            + server.url()
            + ". Press Ctrl-C to stop.");
    stopped.await();
    return 0;
  }

  private Map<String, String> settings() throws IOException {
    Map<String, String> settings =
        configFile == null ? new HashMap<>() : new HashMap<>(SettingsFiles.load(configFile));
    if (bootstrap != null) {
      settings.put(RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    }
    if (listen != null) {
      settings.put(RegistryConfig.LISTENERS_CONFIG, "http://" + listen);
    } else {
      settings.putIfAbsent(RegistryConfig.LISTENERS_CONFIG, "http://" + DEFAULT_LISTEN);
    }
    return settings;
  }
}
