package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs Apache Kafka Connect 3.9.1's standalone worker ({@code ConnectStandalone} from
 * connect-runtime) from the bench module's {@code target/lib}, as {@code bin/connect-standalone.sh}
 * does from a Kafka distribution's {@code libs/}: every Kafka jar on the classpath, the connectors
 * only on {@code plugin.path}.
 */
final class KafkaConnectLauncher implements WorkerLauncher {
  static final String MAIN_CLASS = "org.apache.kafka.connect.cli.ConnectStandalone";

  private final String classpath;
  private final Path log4jConfig;

  KafkaConnectLauncher(String classpath, Path log4jConfig) {
    this.classpath = requireNonNull(classpath, "classpath is null");
    this.log4jConfig = requireNonNull(log4jConfig, "log4jConfig is null");
  }

  @Override
  public String label() {
    return "Kafka Connect";
  }

  @Override
  public JvmProcess start(Path workerProperties, Path logFile) {
    List<String> options = new ArrayList<>(WORKER_JVM_OPTIONS);
    options.add("-Dlog4j.configuration=" + log4jConfig.toUri());
    return JvmProcess.start(
        label(), classpath, options, MAIN_CLASS, List.of(workerProperties.toString()), logFile);
  }
}
