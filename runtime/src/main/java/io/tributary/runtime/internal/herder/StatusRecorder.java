package io.tributary.runtime.internal.herder;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.status.ConnectorStatus;
import io.tributary.runtime.internal.status.ConnectorTaskId;
import io.tributary.runtime.internal.status.State;
import io.tributary.runtime.internal.status.StatusListener;
import io.tributary.runtime.internal.status.StatusStore;
import io.tributary.runtime.internal.status.TaskStatus;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Turns the state changes of connectors and tasks on this worker into statuses in the {@link
 * StatusStore}, with Kafka Connect's mapping: started or resumed -> RUNNING, paused -> PAUSED,
 * stopped -> STOPPED, failed -> FAILED with the stack trace, shut down -> UNASSIGNED. Thread-safe.
 */
final class StatusRecorder {
  private final StatusStore store;
  private final String workerId;

  StatusRecorder(StatusStore store, String workerId) {
    this.store = requireNonNull(store, "store is null");
    this.workerId = requireNonNull(workerId, "workerId is null");
  }

  /** Listens to connectors. */
  StatusListener<String> connectors() {
    return new StatusListener<>() {
      @Override
      public void onStartup(String id) {
        put(id, State.RUNNING, null);
      }

      @Override
      public void onRunning(String id) {
        put(id, State.RUNNING, null);
      }

      @Override
      public void onPause(String id) {
        put(id, State.PAUSED, null);
      }

      @Override
      public void onStop(String id) {
        put(id, State.STOPPED, null);
      }

      @Override
      public void onFailure(String id, Throwable cause) {
        put(id, State.FAILED, trace(cause));
      }

      @Override
      public void onShutdown(String id) {
        ConnectorStatus current = store.get(id);
        // A failed connector keeps its FAILED status and trace until restarted or deleted.
        if (current == null || current.state() != State.FAILED) {
          put(id, State.UNASSIGNED, null);
        }
      }

      private void put(String id, State state, String trace) {
        store.put(new ConnectorStatus(id, state, workerId, trace));
      }
    };
  }

  /** Listens to tasks. */
  StatusListener<ConnectorTaskId> tasks() {
    return new StatusListener<>() {
      @Override
      public void onStartup(ConnectorTaskId id) {
        put(id, State.RUNNING, null);
      }

      @Override
      public void onRunning(ConnectorTaskId id) {
        put(id, State.RUNNING, null);
      }

      @Override
      public void onPause(ConnectorTaskId id) {
        put(id, State.PAUSED, null);
      }

      @Override
      public void onStop(ConnectorTaskId id) {
        put(id, State.STOPPED, null);
      }

      @Override
      public void onFailure(ConnectorTaskId id, Throwable cause) {
        put(id, State.FAILED, trace(cause));
      }

      @Override
      public void onShutdown(ConnectorTaskId id) {
        TaskStatus current = store.get(id);
        if (current == null || current.state() != State.FAILED) {
          put(id, State.UNASSIGNED, null);
        }
      }

      private void put(ConnectorTaskId id, State state, String trace) {
        store.put(new TaskStatus(id, state, workerId, trace));
      }
    };
  }

  /** Marks a connector as about to restart. */
  void restarting(String connector) {
    store.put(new ConnectorStatus(connector, State.RESTARTING, workerId, null));
  }

  /** Marks a task as about to restart. */
  void restarting(ConnectorTaskId task) {
    store.put(new TaskStatus(task, State.RESTARTING, workerId, null));
  }

  /** The status of a connector with no recorded one yet. */
  ConnectorStatus unassigned(String connector) {
    return new ConnectorStatus(connector, State.UNASSIGNED, workerId, null);
  }

  TaskStatus unassigned(ConnectorTaskId task) {
    return new TaskStatus(task, State.UNASSIGNED, workerId, null);
  }

  static String trace(Throwable cause) {
    if (cause == null) {
      return null;
    }
    StringWriter out = new StringWriter();
    cause.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
