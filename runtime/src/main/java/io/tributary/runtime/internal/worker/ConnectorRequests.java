package io.tributary.runtime.internal.worker;

/**
 * What a connector asks of the worker's herder through its {@code ConnectorContext}. Called on the
 * connector's own thread: implementations hand the work off and return at once.
 */
public interface ConnectorRequests {
  /** The connector wants its task configs regenerated ({@code requestTaskReconfiguration}). */
  void requestTaskReconfiguration(String connector);

  /** The connector reports that it failed ({@code raiseError}). */
  void onConnectorError(String connector, Throwable error);
}
