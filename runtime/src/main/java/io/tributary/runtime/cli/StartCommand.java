package io.tributary.runtime.cli;

import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConfig;
import io.tributary.common.config.SettingsFiles;
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
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tributary start}: the all-in-one default. broker-core and a standalone worker in one
 * process, with all data under one directory; the worker reaches the broker through kafka-clients
 * on loopback, as it would reach any Kafka cluster.
 */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Run everything in one process: broker-core (127.0.0.1:9092) and a standalone worker"
          + " (REST on 127.0.0.1:8083), data under ./data."
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
    WorkerRuntime worker;
    try {
      worker = WorkerRuntime.start(new WorkerConfig(workerSettings), connectors);
    } catch (RuntimeException e) {
      broker.close();
      System.err.println("tributary start: the worker could not start: " + Launch.describe(e));
      return 1;
    }
    CountDownLatch stopped =
        Launch.stopOnShutdown(
            "tributary-shutdown",
            () -> {
              worker.close();
              broker.close();
            });
    System.out.printf("Tributary started in %.1f s:%n", (System.nanoTime() - started) / 1e9);
    System.out.printf(
        "  broker-core (Kafka protocol)  %s   data in %s%n",
        broker.bootstrapServers(), brokerConfig.dataDir().toAbsolutePath());
    System.out.printf(
        "  worker REST API               %s   offsets and connectors in %s%n",
        worker.restUrl(), dataDir.resolve("connect").toAbsolutePath());
    System.out.println("  schema registry               not yet part of Tributary");
    if (quickstart) {
      Quickstart.printWhereToLook(dataDir);
    }
    Launch.printHowToAddConnectors(worker.restUrl(), connectors);
    stopped.await();
    return 0;
  }
}
