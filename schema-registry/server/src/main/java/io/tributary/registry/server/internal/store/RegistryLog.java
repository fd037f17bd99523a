package io.tributary.registry.server.internal.store;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The registry's durable, ordered log of {@link RegistryRecord}s: the compacted {@code _schemas}
 * topic in production, an in-memory list in unit tests.
 *
 * <p>Lifecycle: {@link #start} once, then {@link #append} from any thread, then {@link #close}.
 * Records are handed to the applier on one reader thread, in log order, exactly once each per
 * instance; the applier must not block on this log.
 */
public interface RegistryLog extends AutoCloseable {

  /**
   * Reads the log from its beginning, hands every record to {@code applier} and keeps doing so for
   * records appended later (by this or another instance). Returns once every record present when it
   * was called has been applied.
   *
   * @throws RegistryStoreException if the log cannot be reached or read within the store timeout
   */
  void start(Consumer<RegistryRecord> applier);

  /**
   * Appends a record and returns once this instance's reader has applied it, so a read after a
   * write sees the write. Only the leader appends.
   *
   * @throws RegistryStoreException if the write fails or is not read back within the timeout
   */
  void append(RegistryRecord record);

  /**
   * Waits until every record written to the log before this call has been applied here; a newly
   * elected leader calls it before it chooses ids and versions.
   *
   * @throws RegistryStoreException if that does not happen within {@code timeout}
   */
  void awaitCaughtUp(Duration timeout);

  @Override
  void close();
}
