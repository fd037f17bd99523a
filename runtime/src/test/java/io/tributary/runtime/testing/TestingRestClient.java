package io.tributary.runtime.testing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small client of the worker's REST API for tests: JSON in, status and JSON out. */
public final class TestingRestClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public TestingRestClient(URI base) {
    this.base = requireNonNull(base, "base is null");
  }

  /** A response: the HTTP status and the body as JSON (a MissingNode when empty). */
  public record Response(int status, JsonNode body, String text) {
    public String message() {
      return body.path("message").asText();
    }
  }

  public Response get(String path) {
    return send("GET", path, null);
  }

  public Response delete(String path) {
    return send("DELETE", path, null);
  }

  public Response post(String path, Object body) {
    return send("POST", path, body);
  }

  public Response put(String path, Object body) {
    return send("PUT", path, body);
  }

  public Response patch(String path, Object body) {
    return send("PATCH", path, body);
  }

  /**
   * Sends a request. {@code body} is serialized as JSON unless it is a String, which is sent as it
   * is (for malformed-input tests).
   */
  public Response send(String method, String path, Object body) {
    try {
      String text =
          body == null ? "" : body instanceof String s ? s : MAPPER.writeValueAsString(body);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
              .timeout(Duration.ofSeconds(60))
              .header("Accept", "application/json");
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(text));
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String responseText = response.body();
      JsonNode json =
          responseText == null || responseText.isBlank()
              ? MissingNode.getInstance()
              : parse(responseText);
      return new Response(response.statusCode(), json, responseText);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
