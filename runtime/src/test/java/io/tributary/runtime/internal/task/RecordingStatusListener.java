package io.tributary.runtime.internal.task;

import io.tributary.runtime.internal.status.ConnectorTaskId;
import io.tributary.runtime.internal.status.State;
import io.tributary.runtime.internal.status.StatusListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the states a task reports, for tests. */
final class RecordingStatusListener implements StatusListener<ConnectorTaskId> {
  final List<State> states = new CopyOnWriteArrayList<>();
  volatile Throwable failure;
  volatile boolean shutdown;

  State last() {
    return states.isEmpty() ? null : states.get(states.size() - 1);
  }

  @Override
  public void onStartup(ConnectorTaskId id) {
    states.add(State.RUNNING);
  }

  @Override
  public void onRunning(ConnectorTaskId id) {
    states.add(State.RUNNING);
  }

  @Override
  public void onPause(ConnectorTaskId id) {
    states.add(State.PAUSED);
  }

  @Override
  public void onStop(ConnectorTaskId id) {
    states.add(State.STOPPED);
  }

  @Override
  public void onFailure(ConnectorTaskId id, Throwable cause) {
    failure = cause;
    states.add(State.FAILED);
  }

  @Override
  public void onShutdown(ConnectorTaskId id) {
    shutdown = true;
  }
}
