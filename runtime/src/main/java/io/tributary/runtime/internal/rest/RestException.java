package io.tributary.runtime.internal.rest;

/**
 * A request the REST layer itself refuses (malformed body, bad path parameter, name mismatch...),
 * with the HTTP status to answer; it becomes a {@code {"error_code", "message"}} body.
 */
final class RestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final int BAD_REQUEST = 400;
  static final int NOT_FOUND = 404;
  static final int SERVICE_UNAVAILABLE = 503;

  private final int status;

  RestException(int status, String message) {
    super(message);
    this.status = status;
  }

  RestException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  static RestException badRequest(String message) {
    return new RestException(BAD_REQUEST, message);
  }

  static RestException notFound(String message) {
    return new RestException(NOT_FOUND, message);
  }

  int status() {
    return status;
  }
}
