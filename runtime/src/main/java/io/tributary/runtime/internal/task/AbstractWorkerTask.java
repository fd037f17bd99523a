package io.tributary.runtime.internal.task;

import io.tributary.runtime.internal.status.ConnectorTaskId;
import io.tributary.runtime.internal.status.StatusListener;
import io.tributary.runtime.internal.status.TargetState;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle shared by source and sink tasks. {@link #run} makes the connector plugin's loader
 * the thread's context loader, waits while the task is paused before its start, starts the task,
 * reports RUNNING, moves records until stopped, closes everything and reports the outcome: FAILED
 * with the cause, or shut down. A cancelled task reports nothing more.
 *
 * <p>Pause state: the target state is set by any thread ({@link #transitionTo}); the task thread
 * notices it and reports PAUSED / RUNNING once per change.
 */
abstract class AbstractWorkerTask implements WorkerTask {
  private static final Logger LOGGER = LoggerFactory.getLogger(AbstractWorkerTask.class);

  protected final ConnectorTaskId id;
  protected final TaskParts parts;
  private final StatusListener<ConnectorTaskId> listener;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Object lock = new Object();
  private TargetState target; // guarded by lock
  private volatile boolean stopping;
  private volatile boolean cancelled;
  private boolean reportedPaused; // task thread only

  AbstractWorkerTask(TaskParts parts) {
    this.parts = parts;
    this.id = parts.id();
    this.listener = parts.listener();
    this.target = parts.initialState();
  }

  @Override
  public ConnectorTaskId id() {
    return id;
  }

  @Override
  public final void run() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(parts.loader());
    Throwable failure = null;
    try {
      if (awaitStartable()) {
        initializeAndStart();
        if (!cancelled) {
          listener.onStartup(id);
        }
        execute();
      }
    } catch (Throwable t) {
      failure = t;
    }
    try {
      close();
    } catch (Throwable t) {
      LOGGER.warn("Task {}: failed to close cleanly", id, t);
    }
    try {
      if (cancelled) {
        if (failure != null) {
          LOGGER.warn("Task {}: abandoned task threw after cancellation", id, failure);
        }
      } else if (failure != null && !stopping) {
        LOGGER.error(
            "Task {} threw an uncaught and unrecoverable exception. Task is being killed and will"
                + " not recover until manually restarted",
            id,
            failure);
        listener.onFailure(id, failure);
      } else {
        if (failure != null) {
          LOGGER.warn("Task {} threw while stopping", id, failure);
        }
        listener.onShutdown(id);
      }
    } finally {
      stopped.countDown();
      thread.setContextClassLoader(previous);
      if (failure instanceof Error error && !(error instanceof AssertionError)) {
        throw error;
      }
    }
  }

  /** Waits while paused before the start; false when stopped meanwhile. */
  private boolean awaitStartable() throws InterruptedException {
    synchronized (lock) {
      if (stopping) {
        return false;
      }
      if (target == TargetState.PAUSED) {
        reportedPaused = true;
        listener.onPause(id);
        while (target == TargetState.PAUSED && !stopping) {
          lock.wait();
        }
        if (stopping) {
          return false;
        }
        reportedPaused = false;
      }
      return true;
    }
  }

  /** Creates clients, initializes and starts the connector's task. */
  protected abstract void initializeAndStart() throws Exception;

  /** Moves records until {@link #isStopping()}. */
  protected abstract void execute() throws Exception;

  /** Last commit, stops the connector's task and closes clients (also after a failure). */
  protected abstract void close() throws Exception;

  /** Called (from any thread) after the target state changed. */
  protected void onTargetStateChange(TargetState state) {}

  /** Called (from any thread) when asked to stop, to wake the task thread. */
  protected void onStopRequested() {}

  /** Called (from any thread) when cancelled: close clients without waiting. */
  protected void onCancel() {}

  protected final boolean isStopping() {
    return stopping;
  }

  protected final boolean isCancelled() {
    return cancelled;
  }

  protected final boolean isPaused() {
    synchronized (lock) {
      return target == TargetState.PAUSED;
    }
  }

  /**
   * Reports a pause or resume the task thread has acted on, once per change.
   *
   * @return whether the task is (now) paused
   */
  protected final boolean notePauseState() {
    boolean paused = isPaused();
    if (paused != reportedPaused && !cancelled) {
      reportedPaused = paused;
      if (paused) {
        listener.onPause(id);
      } else {
        listener.onRunning(id);
      }
    }
    return paused;
  }

  /** Blocks the task thread while paused; returns false when stopping. */
  protected final boolean awaitUnpause() throws InterruptedException {
    synchronized (lock) {
      while (target == TargetState.PAUSED && !stopping) {
        lock.wait();
      }
      return !stopping;
    }
  }

  @Override
  public void transitionTo(TargetState state) {
    if (state == TargetState.STOPPED) {
      throw new IllegalArgumentException(
          "Task " + id + " cannot transition to STOPPED; stop the task instead");
    }
    synchronized (lock) {
      if (state == target) {
        return;
      }
      target = state;
      lock.notifyAll();
    }
    onTargetStateChange(state);
  }

  @Override
  public void stop() {
    synchronized (lock) {
      stopping = true;
      lock.notifyAll();
    }
    onStopRequested();
  }

  @Override
  public boolean awaitStop(long timeoutMs) {
    try {
      return stopped.await(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
    stop();
    onCancel();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{id=" + id + "}";
  }
}
