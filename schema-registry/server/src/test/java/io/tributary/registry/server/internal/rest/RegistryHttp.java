package io.tributary.registry.server.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for the registry's REST API in tests (java.net.http, JSON via Jackson). */
final class RegistryHttp {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** One answer: status, content type, body text and the body as JSON (null if not JSON). */
  record Response(int status, String contentType, String text, JsonNode json) {
    int errorCode() {
      return json.get("error_code").asInt();
    }

    String message() {
      return json.get("message").asText();
    }
  }

  private final URI base;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  RegistryHttp(URI base) {
    this.base = base;
  }

  Response get(String path) {
    return send("GET", path, null, Map.of());
  }

  Response delete(String path) {
    return send("DELETE", path, null, Map.of());
  }

  Response post(String path, String body) {
    return send("POST", path, body, Map.of());
  }

  Response put(String path, String body) {
    return send("PUT", path, body, Map.of());
  }

  Response send(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && !headers.containsKey("Content-Type")) {
      request.header("Content-Type", "application/vnd.schemaregistry.v1+json");
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = MAPPER.readTree(response.body());
      } catch (IOException e) {
        json = null;
      }
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.body(),
          json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code {"schema": avro}}. */
  static String schemaBody(String avro) {
    return MAPPER.createObjectNode().put("schema", avro).toString();
  }

  /** {@code {"schema": avro, ...}} with extra fields. */
  static ObjectNode schemaNode(String avro) {
    return MAPPER.createObjectNode().put("schema", avro);
  }

  /** A record schema {@code name} with string fields {@code fields}. */
  static String record(String name, String... fields) {
    StringBuilder json =
        new StringBuilder("{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[");
    for (int i = 0; i < fields.length; i++) {
      json.append(i > 0 ? "," : "").append(fields[i]);
    }
    return json.append("]}").toString();
  }
}
