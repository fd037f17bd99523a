package io.tributary.runtime.internal.status;

/**
 * What the user asked a connector to be, as Kafka Connect's REST API sets it: {@code STARTED}
 * (running), {@code PAUSED} (connector and tasks stay instantiated but idle: sources stop polling,
 * sinks stop consuming) or {@code STOPPED} (connector shut down and its tasks removed; offsets may
 * then be altered). The state the connector actually reaches is its {@link State}.
 */
public enum TargetState {
  STARTED,
  PAUSED,
  STOPPED
}
