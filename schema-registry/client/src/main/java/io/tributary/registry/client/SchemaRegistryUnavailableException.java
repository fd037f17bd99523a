package io.tributary.registry.client;

/** No configured registry URL could be reached; the message lists the URLs and causes. */
public final class SchemaRegistryUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code cause} is the last failure. */
  public SchemaRegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
