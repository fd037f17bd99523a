package io.tributary.runtime.internal.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reads request bodies and writes responses as JSON with one Jackson mapper. A body that is not
 * JSON, or JSON of the wrong shape, is refused with a 400 whose message says what and where (line,
 * column, field), never echoing the body itself. Thread-safe.
 */
final class RestJson {
  static final String APPLICATION_JSON = "application/json";

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /**
   * The request body as {@code type}.
   *
   * @throws RestException 400 when the body is missing, malformed or of the wrong shape
   */
  <T> T read(RoutingContext ctx, TypeReference<T> type) {
    RequestBody body = ctx.body();
    if (body == null || !body.available() || body.isEmpty()) {
      throw RestException.badRequest("The request needs a JSON body; it had none.");
    }
    T value;
    try {
      value = mapper.readValue(body.buffer().getBytes(), type);
    } catch (JsonProcessingException e) {
      // Syntax errors met inside a nested value come wrapped in a mapping exception.
      if (e.getCause() instanceof StreamReadException syntax) {
        throw malformed(syntax);
      }
      if (e instanceof JsonMappingException mapping) {
        throw RestException.badRequest(
            "Invalid JSON body: "
                + mapping.getOriginalMessage()
                + where(mapping)
                + location(mapping.getLocation()));
      }
      throw malformed(e);
    } catch (IOException e) {
      throw RestException.badRequest("Unreadable JSON body: " + e.getMessage());
    }
    if (value == null) {
      throw RestException.badRequest("The request needs a JSON body; it was null.");
    }
    return value;
  }

  /** Writes {@code reply}: its status, its body as JSON (if any) and its Location (if any). */
  void send(RoutingContext ctx, Reply reply) {
    HttpServerResponse response = ctx.response().setStatusCode(reply.status());
    if (reply.location() != null) {
      response.putHeader(HttpHeaders.LOCATION, reply.location());
    }
    if (reply.body() == null) {
      response.end();
      return;
    }
    byte[] bytes;
    try {
      bytes = mapper.writeValueAsBytes(reply.body());
    } catch (JsonProcessingException e) {
      // A bug in an entity; the failure handler answers 500 and logs it.
      throw new IllegalStateException("Cannot write the response as JSON: " + e.getMessage(), e);
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(Buffer.buffer(bytes));
  }

  private static RestException malformed(JsonProcessingException e) {
    return RestException.badRequest(
        "Malformed JSON body: " + e.getOriginalMessage() + location(e.getLocation()));
  }

  private static String where(JsonMappingException e) {
    if (e.getPath().isEmpty()) {
      return "";
    }
    String path =
        e.getPath().stream()
            .map(
                ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining("."));
    return " (at " + path.replace(".[", "[") + ")";
  }

  private static String location(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
