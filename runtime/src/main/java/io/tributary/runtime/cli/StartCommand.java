package io.tributary.runtime.cli;

import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConfig;
import io.tributary.common.config.SettingsFiles;
import io.tributary.registry.server.RegistryConfig;
import io.tributary.registry.server.RegistryServer;
import io.tributary.runtime.ConnectorDefinition;
import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.WorkerRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tributary start}: the all-in-one default. broker-core, the schema registry and a
 * standalone worker in one process, with all data under one directory; the registry and the worker
 * reach the broker through kafka-clients on loopback, as they would reach any Kafka cluster. The
 * registry and the worker start side by side once the broker is up.
 */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Run everything in one process: broker-core (127.0.0.1:9092), the schema registry"
          + " (127.0.0.1:8081) and a standalone worker (REST on 127.0.0.1:8083), data under"
          + " ./data."
    })
public final class StartCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Worker settings (Kafka Connect's names), a flat JSON object or a .properties file."
              + " bootstrap.servers is the embedded broker's.")
  Path configFile;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the broker's topics and the worker's offsets and connectors live"
              + " (default: ./data).")
  Path dataDir = Path.of("data");

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description = "Where broker-core listens for Kafka clients (default: 127.0.0.1:9092).")
  String listen = "127.0.0.1:9092";

  @Option(
      names = "--registry-listen",
      paramLabel = "HOST:PORT",
      description = "Where the schema registry's REST API listens (default: 127.0.0.1:8081).")
  String registryListen = "127.0.0.1:8081";

  @Option(
      names = "--quickstart",
      description =
          "Run the quickstart pipeline from configs/quickstart/ (what 'bin/tributary start' does"
              + " when given no arguments).")
  boolean quickstart;

  @Parameters(
      paramLabel = "CONNECTOR",
      arity = "0..*",
      description =
          "Connector files to create or update at start: {\"name\": ..., \"config\": {...}}.")
  List<Path> connectorFiles = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    BrokerConfig brokerConfig;
    Map<String, String> workerSettings;
    List<ConnectorDefinition> connectors;
    try {
      if (quickstart) {
        Quickstart.addTo(this);
      }
      Map<String, String> brokerSettings = new HashMap<>();
      brokerSettings.put(BrokerConfig.LOG_DIR_CONFIG, dataDir.resolve("broker").toString());
      brokerSettings.put(BrokerConfig.LISTENERS_CONFIG, listen);
      // One worker joins each consumer group here: no point waiting for more members.
      brokerSettings.put("group.initial.rebalance.delay.ms", "0");
      brokerConfig = new BrokerConfig(brokerSettings);
      workerSettings = new LinkedHashMap<>();
      workerSettings.put(
          WorkerConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG,
          dataDir.resolve("connect").resolve("offsets.json").toString());
      workerSettings.put(
          WorkerConfig.CONFIG_STORAGE_FILE_FILENAME_CONFIG,
          dataDir.resolve("connect").resolve("connectors.json").toString());
      if (configFile != null) {
        Map<String, String> fromFile = SettingsFiles.load(configFile);
        if (fromFile.containsKey(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
          throw new ConfigException(
              configFile
                  + " sets bootstrap.servers, but 'start' runs its own broker. Drop the setting,"
                  + " or run 'bin/tributary worker --config "
                  + configFile
                  + "' to use another Kafka cluster.");
        }
        workerSettings.putAll(fromFile);
      }
      new WorkerConfig(workerSettings); // fail on bad settings before starting anything
      connectors = Launch.readConnectors(connectorFiles);
    } catch (IOException | ConfigException e) {
      System.err.println("tributary start: " + e.getMessage());
      return 2;
    }

    Broker broker;
    try {
      broker = Broker.start(brokerConfig);
    } catch (RuntimeException e) {
      System.err.println("tributary start: the broker could not start: " + Launch.describe(e));
      return 1;
    }
    workerSettings.put(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    CompletableFuture<RegistryServer> registryStart = new CompletableFuture<>();
    Thread registryStarter =
        new Thread(
            () -> {
              try {
                registryStart.complete(
                    RegistryServer.start(new RegistryConfig(registrySettings(broker))));
              } catch (RuntimeException e) {
                registryStart.completeExceptionally(e);
              }
            },
            "registry-start");
    registryStarter.start();
    WorkerRuntime worker;
    try {
      worker = WorkerRuntime.start(new WorkerConfig(workerSettings), connectors);
    } catch (RuntimeException e) {
      registryStart.thenAccept(RegistryServer::close);
      broker.close();
      System.err.println("tributary start: the worker could not start: " + Launch.describe(e));
      return 1;
    }
    RegistryServer registry;
    try {
      registry = registryStart.join();
    } catch (CompletionException e) {
      worker.close();
      broker.close();
      System.err.println(
          "tributary start: the schema registry could not start on "
              + registryListen
              + ": "
              + Launch.describe(e.getCause())
              + "\n  (choose another address with --registry-listen HOST:PORT)");
      return 1;
    }
    CountDownLatch stopped =
        Launch.stopOnShutdown(
            "tributary-shutdown",
            () -> {
              worker.close();
              registry.close();
              broker.close();
            });
    System.out.printf("Tributary started in %.1f s:%n", (System.nanoTime() - started) / 1e9);
    System.out.printf(
        "  broker-core (Kafka protocol)  %s   data in %s%n",
        broker.bootstrapServers(), brokerConfig.dataDir().toAbsolutePath());
    System.out.printf(
        "  worker REST API               %s   offsets and connectors in %s%n",
        worker.restUrl(), dataDir.resolve("connect").toAbsolutePath());
    System.out.printf(
        "  schema registry               %s   schemas in topic %s%n",
        registry.url(), RegistryConfig.KAFKASTORE_TOPIC_DEFAULT);
    if (quickstart) {
      Quickstart.printWhereToLook(dataDir);
    }
    Launch.printHowToAddConnectors(worker.restUrl(), connectors);
    stopped.await();
    return 0;
  }

  /** The embedded registry: Confluent's defaults but for where it listens and its store timeout. */
  private Map<String, String> registrySettings(Broker broker) {
    Map<String, String> settings = new HashMap<>();
    settings.put(RegistryConfig.LISTENERS_CONFIG, "http://" + registryListen);
    settings.put(RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    // Confluent's 500 ms suits a dedicated cluster; here the broker shares the process and cores.
    settings.put(RegistryConfig.KAFKASTORE_TIMEOUT_MS_CONFIG, "5000");
    return settings;
  }
}
