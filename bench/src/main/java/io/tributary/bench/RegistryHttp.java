package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Raw HTTP calls to the registry's REST API, with nothing cached: every call is one request. One
 * instance is shared by all threads (HTTP/1.1 with keep-alive; the JDK client opens a connection
 * per concurrent request).
 */
final class RegistryHttp {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;

  RegistryHttp(URI base) {
    this.base = requireNonNull(base, "base is null");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** {@code {"schema": "<schema text>"}}, the body of a registration or lookup. */
  static String schemaBody(String schemaText) {
    return JSON.createObjectNode().put("schema", schemaText).toString();
  }

  /** {@code POST /subjects/{subject}/versions}; the id the registry answers with. */
  int register(String subject, String body) {
    return id(post("/subjects/" + encode(subject) + "/versions", body));
  }

  /** {@code POST /subjects/{subject}} (lookup without registering); the id of the schema. */
  int lookup(String subject, String body) {
    return id(post("/subjects/" + encode(subject), body));
  }

  /** {@code GET /schemas/ids/{id}}; the response body. */
  String schemaById(int id) {
    return send(
        HttpRequest.newBuilder(base.resolve("/schemas/ids/" + id))
            .timeout(TIMEOUT)
            .header("Accept", CONTENT_TYPE)
            .GET()
            .build());
  }

  private String post(String path, String body) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(TIMEOUT)
            .header("Content-Type", CONTENT_TYPE)
            .header("Accept", CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private String send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(
          request.method() + " " + request.uri().getPath() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          request.method()
              + " "
              + request.uri().getPath()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return response.body();
  }

  private static int id(String responseBody) {
    try {
      JsonNode id = JSON.readTree(responseBody).get("id");
      if (id == null || !id.canConvertToInt()) {
        throw new IllegalStateException("No id in the registry's answer: " + responseBody);
      }
      return id.intValue();
    } catch (IOException e) {
      throw new IllegalStateException("Not JSON from the registry: " + responseBody, e);
    }
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
