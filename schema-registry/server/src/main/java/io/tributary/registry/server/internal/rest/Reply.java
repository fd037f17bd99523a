package io.tributary.registry.server.internal.rest;

import java.nio.charset.StandardCharsets;

/**
 * What an endpoint answers: an HTTP status and a body, either a value to write as JSON, or bytes
 * that already are the body ({@link #raw}: a schema as stored, or the leader's relayed answer, then
 * with its own content type).
 */
record Reply(int status, Object body, byte[] raw, String contentType) {
  static Reply ok(Object body) {
    return new Reply(200, body, null, null);
  }

  /** Text that already is JSON, e.g. a stored schema. */
  static Reply rawJson(String json) {
    return new Reply(200, null, json.getBytes(StandardCharsets.UTF_8), null);
  }

  /** Another instance's answer, relayed as it came. */
  static Reply relayed(int status, byte[] body, String contentType) {
    return new Reply(status, null, body, contentType);
  }
}
