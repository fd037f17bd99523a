package io.tributary.runtime.internal.herder;

import static java.util.Objects.requireNonNull;

/**
 * A request the herder refuses, with the reason's kind; the REST layer turns the kind into Kafka
 * Connect's HTTP status (404, 409, 400, ...) and the message into the {@code "message"} of the
 * error body. Messages name what was wrong and what to do.
 */
public final class HerderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request was refused. */
  public enum Kind {
    /** No such connector, task or plugin (404). */
    NOT_FOUND,
    /** A connector of that name already exists (409). */
    ALREADY_EXISTS,
    /**
     * The request conflicts with the connector's state, e.g. offsets altered while running (409).
     */
    CONFLICT,
    /** The configuration or request body is invalid (400). */
    INVALID,
    /** The worker is starting or stopping and cannot serve the request now (503). */
    NOT_READY
  }

  private final Kind kind;

  public HerderException(Kind kind, String message) {
    super(message);
    this.kind = requireNonNull(kind, "kind is null");
  }

  public HerderException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = requireNonNull(kind, "kind is null");
  }

  public Kind kind() {
    return kind;
  }
}
