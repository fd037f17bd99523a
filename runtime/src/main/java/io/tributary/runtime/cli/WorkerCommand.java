package io.tributary.runtime.cli;

import io.tributary.common.config.SettingsFiles;
import io.tributary.runtime.ConnectorDefinition;
import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.WorkerRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tributary worker}: a standalone worker alone, against any Kafka cluster. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Run a standalone worker against any Kafka cluster (broker-core or Apache Kafka).",
      "The worker config uses Kafka Connect's names (bootstrap.servers, listeners, plugin.path,"
          + " offset.storage.file.filename, key.converter, ...)."
    })
public final class WorkerCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      required = true,
      description = "Worker settings: a flat JSON object or a .properties file.")
  Path configFile;

  @Parameters(
      paramLabel = "CONNECTOR",
      arity = "0..*",
      description =
          "Connector files to create or update at start: {\"name\": ..., \"config\": {...}}.")
  List<Path> connectorFiles = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    WorkerConfig config;
    List<ConnectorDefinition> connectors;
    try {
      Map<String, String> settings = SettingsFiles.load(configFile);
      config = new WorkerConfig(settings);
      connectors = Launch.readConnectors(connectorFiles);
    } catch (IOException | ConfigException e) {
      System.err.println("tributary worker: " + e.getMessage());
      return 2;
    }
    long started = System.nanoTime();
    WorkerRuntime worker;
    try {
      worker = WorkerRuntime.start(config, connectors);
    } catch (RuntimeException e) {
      System.err.println("tributary worker: " + Launch.describe(e));
      return 1;
    }
    CountDownLatch stopped = Launch.stopOnShutdown("worker-shutdown", worker::close);
    System.out.printf(
        "Tributary worker started in %.1f s: REST API on %s, Kafka cluster %s%n",
        (System.nanoTime() - started) / 1e9,
        worker.restUrl(),
        config.getList(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG));
    Launch.printHowToAddConnectors(worker.restUrl(), connectors);
    stopped.await();
    return 0;
  }
}
