package io.tributary.registry.server.internal.schema;

/**
 * A schema text that is not a valid Avro schema: malformed JSON, an unknown type, a default that
 * does not match its field's type, a missing reference, and so on. The message says what is wrong
 * so that the registry can return it to the user as is (Confluent's error code 42201).
 *
 * <p>Unchecked, so that callers decide where the boundary to the user is.
 */
public final class InvalidSchemaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An invalid schema, {@code message} saying why. */
  public InvalidSchemaException(String message) {
    super(message);
  }

  /** An invalid schema detected by {@code cause}, {@code message} saying why. */
  public InvalidSchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
