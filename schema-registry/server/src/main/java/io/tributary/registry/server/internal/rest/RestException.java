package io.tributary.registry.server.internal.rest;

/**
 * A request the REST layer itself refuses (malformed body, unsupported media type, a path parameter
 * of the wrong form), with the HTTP status and error code to answer.
 */
final class RestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final int errorCode;

  RestException(int status, int errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  int status() {
    return status;
  }

  int errorCode() {
    return errorCode;
  }
}
