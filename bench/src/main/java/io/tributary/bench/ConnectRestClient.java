package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few Kafka Connect REST calls the benchmark makes ({@code GET /}, {@code POST /connectors},
 * {@code GET /connectors/{name}/status}), the same for both workers. Plain JDK HTTP/1.1.
 */
final class ConnectRestClient {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final HttpClient http;

  ConnectRestClient(URI base) {
    this.base = requireNonNull(base, "base is null");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500))
            .build();
  }

  URI base() {
    return base;
  }

  /** A response: its HTTP status and body. */
  record Response(int status, String body) {
    Response {
      requireNonNull(body, "body is null");
    }
  }

  /** {@code GET /}: the worker's version; 200 once the worker serves requests. */
  Response root() throws IOException {
    return send(HttpRequest.newBuilder(base.resolve("/")).GET());
  }

  /** {@code POST /connectors} with a body shaped {@code {"name": ..., "config": {...}}}. */
  Response createConnector(String json) throws IOException {
    return send(
        HttpRequest.newBuilder(base.resolve("/connectors"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** {@code GET /connectors/{name}/status}. */
  Response status(String connector) throws IOException {
    return send(HttpRequest.newBuilder(base.resolve("/connectors/" + connector + "/status")).GET());
  }

  /** {@code DELETE /connectors/{name}}. */
  Response deleteConnector(String connector) throws IOException {
    return send(HttpRequest.newBuilder(base.resolve("/connectors/" + connector)).DELETE());
  }

  private Response send(HttpRequest.Builder request) throws IOException {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(REQUEST_TIMEOUT).header("Accept", "application/json").build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while calling " + base, e);
    }
  }
}
