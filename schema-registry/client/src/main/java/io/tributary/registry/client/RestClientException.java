package io.tributary.registry.client;

/**
 * A request the schema registry answered with an error, carrying the HTTP status and the registry's
 * error code ({@code error_code} of its {@code {"error_code", "message"}} body, e.g. 40401 subject
 * not found, 40403 schema not found, 40901 incompatible schema, 42201 invalid schema).
 */
public final class RestClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Subject not found. */
  public static final int SUBJECT_NOT_FOUND = 40401;

  /** Version not found. */
  public static final int VERSION_NOT_FOUND = 40402;

  /** Schema not found. */
  public static final int SCHEMA_NOT_FOUND = 40403;

  /** The schema is incompatible with earlier versions of the subject. */
  public static final int INCOMPATIBLE_SCHEMA = 40901;

  /** Invalid schema. */
  public static final int INVALID_SCHEMA = 42201;

  private final int status;
  private final int errorCode;
  private final String registryMessage;

  /**
   * Creates the exception.
   *
   * @param registryMessage the registry's {@code message}
   * @param status the HTTP status
   * @param errorCode the registry's {@code error_code} (the HTTP status when the body had none)
   */
  public RestClientException(String registryMessage, int status, int errorCode) {
    super(registryMessage + "; error code: " + errorCode + " (HTTP " + status + ")");
    this.status = status;
    this.errorCode = errorCode;
    this.registryMessage = registryMessage;
  }

  /** The HTTP status of the answer. */
  public int status() {
    return status;
  }

  /** The registry's error code, such as 40401. */
  public int errorCode() {
    return errorCode;
  }

  /** The registry's message, without the code. */
  public String registryMessage() {
    return registryMessage;
  }
}
