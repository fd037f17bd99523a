package io.tributary.registry.server.internal.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Reads request bodies and writes responses as JSON, with Confluent's media types: requests may
 * come as {@code application/vnd.schemaregistry.v1+json}, {@code
 * application/vnd.schemaregistry+json}, {@code application/json} (or {@code
 * application/octet-stream}, or none); responses take the first of those the {@code Accept} header
 * names, else {@code application/vnd.schemaregistry.v1+json}.
 *
 * <p>A body that is not JSON is a 400 (error code 400); JSON of the wrong shape a 422 (error code
 * 422), as Confluent's REST layer answers. Thread-safe.
 */
final class RegistryJson {
  static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
  static final String DEFAULT_JSON = "application/vnd.schemaregistry+json";
  static final String JSON = "application/json";
  private static final String OCTET_STREAM = "application/octet-stream";
  private static final List<String> PRODUCED = List.of(V1_JSON, DEFAULT_JSON, JSON);

  private final ObjectMapper mapper =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  /**
   * The request body as {@code type}.
   *
   * @throws RestException 415 for another content type, 400 malformed JSON, 422 wrong shape
   */
  <T> T read(RoutingContext ctx, Class<T> type) {
    checkContentType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
    RequestBody body = ctx.body();
    if (body == null || !body.available() || body.isEmpty()) {
      throw new RestException(422, 422, "The request needs a JSON body; it had none.");
    }
    T value;
    try {
      value = mapper.readValue(body.buffer().getBytes(), type);
    } catch (JsonProcessingException e) {
      if (e instanceof StreamReadException || e.getCause() instanceof StreamReadException) {
        throw new RestException(400, 400, "Malformed JSON body: " + e.getOriginalMessage());
      }
      if (e instanceof JsonMappingException mapping) {
        throw new RestException(
            422, 422, "Invalid JSON body: " + mapping.getOriginalMessage() + where(mapping));
      }
      throw new RestException(400, 400, "Malformed JSON body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RestException(400, 400, "Unreadable JSON body: " + e.getMessage());
    }
    if (value == null) {
      throw new RestException(422, 422, "The request needs a JSON object body; it was null.");
    }
    return value;
  }

  /** Writes {@code reply} with the media type the request accepts. */
  void send(RoutingContext ctx, Reply reply) {
    byte[] bytes;
    if (reply.raw() != null) {
      bytes = reply.raw();
    } else {
      try {
        bytes = mapper.writeValueAsBytes(reply.body());
      } catch (JsonProcessingException e) {
        // A bug in an entity; the failure handler answers 500 and logs it.
        throw new IllegalStateException("Cannot write the response as JSON: " + e.getMessage(), e);
      }
    }
    String contentType = reply.contentType() != null ? reply.contentType() : responseType(ctx);
    ctx.response()
        .setStatusCode(reply.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .end(Buffer.buffer(bytes));
  }

  /** The media type to answer with: the first Confluent type the Accept header names. */
  static String responseType(RoutingContext ctx) {
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    if (accept == null) {
      return V1_JSON;
    }
    String lower = accept.toLowerCase(Locale.ROOT);
    int best = Integer.MAX_VALUE;
    String chosen = V1_JSON;
    for (String type : PRODUCED) {
      int at = indexOfType(lower, type);
      if (at >= 0 && at < best) {
        best = at;
        chosen = type;
      }
    }
    return chosen;
  }

  private static int indexOfType(String accept, String type) {
    int at = 0;
    for (String part : accept.split(",")) {
      String media = part.split(";")[0].trim();
      if (media.equals(type)) {
        return at;
      }
      at += part.length() + 1;
    }
    return -1;
  }

  private static void checkContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return;
    }
    String media = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!PRODUCED.contains(media) && !media.equals(OCTET_STREAM)) {
      throw new RestException(
          415,
          415,
          "Unsupported content type "
              + media
              + ": send "
              + V1_JSON
              + ", "
              + DEFAULT_JSON
              + " or "
              + JSON
              + ".");
    }
  }

  private static String where(JsonMappingException e) {
    if (e.getPath().isEmpty()) {
      return "";
    }
    StringBuilder path = new StringBuilder(" (at ");
    boolean first = true;
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(first ? "" : ".").append(ref.getFieldName());
      } else {
        path.append('[').append(ref.getIndex()).append(']');
      }
      first = false;
    }
    return path.append(')').toString();
  }
}
