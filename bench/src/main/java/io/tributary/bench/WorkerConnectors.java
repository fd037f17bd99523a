package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A benchmark's hold on Tributary's worker process and its REST API: waits until it answers,
 * creates and deletes connectors, and fails fast when the worker died or a connector FAILED. Used
 * by one harness thread.
 */
final class WorkerConnectors {
  private static final Logger LOGGER = LoggerFactory.getLogger(WorkerConnectors.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

  private final ConnectRestClient rest;
  private final JvmProcess worker;

  WorkerConnectors(ConnectRestClient rest, JvmProcess worker) {
    this.rest = requireNonNull(rest, "rest is null");
    this.worker = requireNonNull(worker, "worker is null");
  }

  JvmProcess worker() {
    return worker;
  }

  /** Waits until the worker answers {@code GET /}; fails when it exits or takes too long. */
  void awaitRoot() {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (true) {
      if (!worker.isAlive()) {
        throw new IllegalStateException(
            "Tributary's worker exited with code "
                + worker.exitValue()
                + "; see "
                + worker.logFile());
      }
      try {
        if (rest.root().status() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Tributary's worker did not answer GET / within "
                + STARTUP_TIMEOUT.toSeconds()
                + " s; see "
                + worker.logFile());
      }
      pause(Duration.ofMillis(50));
    }
  }

  /** {@code POST /connectors}; fails with the answer unless it is 200 or 201. */
  void create(String name, Map<String, String> config) {
    try {
      ConnectRestClient.Response response =
          rest.createConnector(ConnectPipeline.connectorJson(name, config));
      if (response.status() != 201 && response.status() != 200) {
        throw new IllegalStateException(
            "POST /connectors for " + name + ": HTTP " + response.status() + " " + response.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException("POST /connectors for " + name + " failed: " + e, e);
    }
  }

  /** {@code DELETE /connectors/{name}}; a failure is logged (the run's figures stand). */
  void delete(String name) {
    try {
      ConnectRestClient.Response response = rest.deleteConnector(name);
      if (response.status() >= 300) {
        LOGGER.warn("DELETE /connectors/{}: HTTP {} {}", name, response.status(), response.body());
      }
    } catch (IOException e) {
      LOGGER.warn("DELETE /connectors/{} failed", name, e);
    }
  }

  /** Fails when the worker died or the connector or a task is FAILED, with the status. */
  void checkRunning(String name) {
    if (!worker.isAlive()) {
      throw new IllegalStateException(
          "the worker exited with code " + worker.exitValue() + "; see " + worker.logFile());
    }
    try {
      ConnectRestClient.Response status = rest.status(name);
      if (status.body().contains("\"FAILED\"")) {
        throw new IllegalStateException(name + " failed: " + status.body());
      }
    } catch (IOException e) {
      LOGGER.warn("GET /connectors/{}/status failed", name, e);
    }
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
