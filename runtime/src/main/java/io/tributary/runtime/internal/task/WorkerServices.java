package io.tributary.runtime.internal.task;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.internal.config.ClientConfigs;
import io.tributary.runtime.internal.errors.RetryClock;
import io.tributary.runtime.internal.storage.OffsetStore;

/** What the worker lends its tasks: its settings, client settings, offset store and clock. */
record WorkerServices(
    WorkerConfig worker, ClientConfigs clientConfigs, OffsetStore offsetStore, RetryClock clock) {
  WorkerServices {
    requireNonNull(worker, "worker is null");
    requireNonNull(clientConfigs, "clientConfigs is null");
    requireNonNull(offsetStore, "offsetStore is null");
    requireNonNull(clock, "clock is null");
  }

  long offsetFlushIntervalMs() {
    return worker.getLong(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG);
  }

  long offsetFlushTimeoutMs() {
    return worker.getLong(WorkerConfig.OFFSET_COMMIT_TIMEOUT_MS_CONFIG);
  }
}
