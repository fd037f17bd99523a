package io.tributary.registry.server.internal.store;

/**
 * The registry's store failed or timed out. {@link #timedOut()} tells a timeout (Confluent error
 * code 50002) from any other store error (50001).
 */
public final class RegistryStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean timedOut;

  public RegistryStoreException(String message, boolean timedOut, Throwable cause) {
    super(message, cause);
    this.timedOut = timedOut;
  }

  public boolean timedOut() {
    return timedOut;
  }
}
