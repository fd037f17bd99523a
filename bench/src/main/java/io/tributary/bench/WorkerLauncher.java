package io.tributary.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Starts one kind of Connect worker (Tributary's or Apache Kafka Connect's standalone worker) as
 * its own JVM, from a worker properties file with Kafka Connect's key names. Both get the same JVM
 * options, the brokers' ones, so neither gets more heap or a different collector.
 */
interface WorkerLauncher {
  List<String> WORKER_JVM_OPTIONS = BrokerLauncher.BROKER_JVM_OPTIONS;

  /** The label used in tables, e.g. "Kafka Connect". */
  String label();

  /**
   * Launches the worker with {@code workerProperties}, its output going to {@code logFile}. Returns
   * as soon as the JVM is started; the caller waits for its REST port.
   */
  JvmProcess start(Path workerProperties, Path logFile);
}
