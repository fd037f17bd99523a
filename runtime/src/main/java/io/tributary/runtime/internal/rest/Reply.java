package io.tributary.runtime.internal.rest;

/**
 * What an endpoint answers: an HTTP status, a body to write as JSON (null for none) and, for
 * created resources, a {@code Location}.
 */
record Reply(int status, Object body, String location) {
  static Reply ok(Object body) {
    return new Reply(200, body, null);
  }

  static Reply created(Object body, String location) {
    return new Reply(201, body, location);
  }

  static Reply accepted(Object body) {
    return new Reply(202, body, null);
  }

  static Reply accepted() {
    return new Reply(202, null, null);
  }

  static Reply noContent() {
    return new Reply(204, null, null);
  }

  static Reply status(int status, Object body) {
    return new Reply(status, body, null);
  }
}
