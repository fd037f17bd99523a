package io.tributary.registry.server.internal.service;

import io.tributary.registry.server.internal.store.RegistryLog;
import io.tributary.registry.server.internal.store.RegistryRecord;
import io.tributary.registry.server.internal.store.RegistryStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-memory {@link RegistryLog} several registry instances can share, as they share the {@code
 * _schemas} topic: an append is applied to every started instance before it returns (so reads after
 * writes see them everywhere), in one order for all.
 */
public final class TestingRegistryLog {
  private final List<RegistryRecord> records = new ArrayList<>();
  private final List<Consumer<RegistryRecord>> appliers = new CopyOnWriteArrayList<>();
  private RegistryStoreException appendFailure;

  /** A view of this log for one instance. */
  public RegistryLog instance() {
    return new RegistryLog() {
      private Consumer<RegistryRecord> applier;

      @Override
      public void start(Consumer<RegistryRecord> applier) {
        synchronized (TestingRegistryLog.this) {
          this.applier = applier;
          records.forEach(applier);
          appliers.add(applier);
        }
      }

      @Override
      public void append(RegistryRecord record) {
        TestingRegistryLog.this.append(record);
      }

      @Override
      public void awaitCaughtUp(Duration timeout) {
        // Appends are applied everywhere before they return.
      }

      @Override
      public void close() {
        appliers.remove(applier);
      }
    };
  }

  /** Every record appended so far, in order. */
  public synchronized List<RegistryRecord> records() {
    return List.copyOf(records);
  }

  /** Makes every later append fail with {@code failure} (null: succeed again). */
  public synchronized void failAppends(RegistryStoreException failure) {
    this.appendFailure = failure;
  }

  private synchronized void append(RegistryRecord record) {
    if (appendFailure != null) {
      throw appendFailure;
    }
    records.add(record);
    for (Consumer<RegistryRecord> applier : appliers) {
      applier.accept(record);
    }
  }
}
