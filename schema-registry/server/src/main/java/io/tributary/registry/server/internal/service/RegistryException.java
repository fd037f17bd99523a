package io.tributary.registry.server.internal.service;

/**
 * A registry operation refused or failed, in Confluent Schema Registry's terms: the HTTP status to
 * answer and the finer {@code error_code} (e.g. 404 / 40401 for an unknown subject) that becomes
 * the {@code {"error_code", "message"}} body. Created through {@link RegistryErrors}.
 */
public final class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final int errorCode;

  public RegistryException(int httpStatus, int errorCode, String message) {
    this(httpStatus, errorCode, message, null);
  }

  public RegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** The HTTP status to answer, e.g. 404. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent's error code, e.g. 40401. */
  public int errorCode() {
    return errorCode;
  }
}
