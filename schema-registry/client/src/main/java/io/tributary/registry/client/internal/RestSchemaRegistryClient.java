package io.tributary.registry.client.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.registry.client.RestClientException;
import io.tributary.registry.client.SchemaMetadata;
import io.tributary.registry.client.SchemaRegistryClient;
import io.tributary.registry.client.SchemaRegistryUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to a Confluent-compatible registry over HTTP (java.net.http), with content type {@code
 * application/vnd.schemaregistry.v1+json}. With several base URLs, a request that cannot reach one
 * (connection refused, I/O error) is tried on the next; the URL that answered is tried first next
 * time. HTTP error answers are not retried: they become {@link RestClientException}. No caching
 * here (see {@link CachingSchemaRegistryClient}). Thread-safe.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
  private static final Logger LOGGER = LoggerFactory.getLogger(RestSchemaRegistryClient.class);

  /** Confluent's versioned content type. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<URI> baseUrls;
  private final Optional<String> authorization;
  private final Duration requestTimeout;
  private final Duration retryFor;
  private final HttpClient http;
  private final AtomicInteger preferred = new AtomicInteger();

  /**
   * Creates the client.
   *
   * @param baseUrls registry base URLs (at least one), e.g. http://localhost:8081
   * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, if any
   * @param requestTimeout how long one request may take
   * @param retryFor how long to keep retrying answers that say "try again" ({@link #isTransient})
   */
  public RestSchemaRegistryClient(
      List<URI> baseUrls,
      Optional<String> basicAuthUserInfo,
      Duration requestTimeout,
      Duration retryFor) {
    if (baseUrls.isEmpty()) {
      throw new IllegalArgumentException("at least one schema registry URL is needed");
    }
    this.baseUrls = List.copyOf(baseUrls);
    this.authorization =
        requireNonNull(basicAuthUserInfo, "basicAuthUserInfo is null")
            .map(
                info ->
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout is null");
    this.retryFor = requireNonNull(retryFor, "retryFor is null");
    this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
  }

  @Override
  public int register(String subject, Schema schema, boolean normalize) {
    JsonNode answer =
        send(
            "POST",
            "/subjects/" + encode(subject) + "/versions" + (normalize ? "?normalize=true" : ""),
            schemaBody(schema));
    return answer.path("id").asInt();
  }

  @Override
  public Schema getSchemaById(int id) {
    JsonNode answer = send("GET", "/schemas/ids/" + id, null);
    return parse(answer.path("schema").asText(), "schema id " + id);
  }

  @Override
  public SchemaMetadata getLatestSchemaMetadata(String subject) {
    return metadata(send("GET", "/subjects/" + encode(subject) + "/versions/latest", null));
  }

  @Override
  public SchemaMetadata getSchemaMetadata(String subject, int version) {
    return metadata(send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null));
  }

  @Override
  public int getId(String subject, Schema schema, boolean normalize) {
    return lookup(subject, schema, normalize).id();
  }

  @Override
  public int getVersion(String subject, Schema schema) {
    return lookup(subject, schema, false).version();
  }

  @Override
  public List<String> getAllSubjects() {
    return convert(send("GET", "/subjects", null), new TypeReference<List<String>>() {});
  }

  @Override
  public List<Integer> getAllVersions(String subject) {
    return convert(
        send("GET", "/subjects/" + encode(subject) + "/versions", null),
        new TypeReference<List<Integer>>() {});
  }

  @Override
  public List<Integer> deleteSubject(String subject) {
    return convert(
        send("DELETE", "/subjects/" + encode(subject), null),
        new TypeReference<List<Integer>>() {});
  }

  /** The base URLs, in configured order. */
  public List<URI> baseUrls() {
    return baseUrls;
  }

  private SchemaMetadata lookup(String subject, Schema schema, boolean normalize) {
    return metadata(
        send(
            "POST",
            "/subjects/" + encode(subject) + (normalize ? "?normalize=true" : ""),
            schemaBody(schema)));
  }

  private static String schemaBody(Schema schema) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("schema", schema.toString());
    return body.toString();
  }

  private static SchemaMetadata metadata(JsonNode answer) {
    return new SchemaMetadata(
        answer.path("subject").asText(),
        answer.path("id").asInt(),
        answer.path("version").asInt(),
        answer.path("schema").asText());
  }

  private static Schema parse(String text, String what) {
    try {
      return new Schema.Parser().parse(text);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "The schema registry returned a schema for " + what + " that Avro cannot parse", e);
    }
  }

  private static <T> T convert(JsonNode node, TypeReference<T> type) {
    return MAPPER.convertValue(node, type);
  }

  private static String encode(String pathSegment) {
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Whether the registry said to try again: its store timed out (50002), forwarding to the leader
   * failed (50003), no leader is known (50004, e.g. while instances elect one), or it is
   * unavailable (HTTP 503). Every request this client sends may be repeated safely.
   */
  static boolean isTransient(RestClientException e) {
    int code = e.errorCode();
    return code == 50002 || code == 50003 || code == 50004 || e.status() == 503;
  }

  private JsonNode send(String method, String path, String body) {
    long deadline = System.nanoTime() + retryFor.toNanos();
    long backoffMs = 50;
    while (true) {
      try {
        return sendOnce(method, path, body);
      } catch (RestClientException e) {
        if (!isTransient(e) || System.nanoTime() + backoffMs * 1_000_000L > deadline) {
          throw e;
        }
        LOGGER.info(
            "Schema registry answered {} {} with error {} ({}); retrying in {} ms",
            method,
            path,
            e.errorCode(),
            e.registryMessage(),
            backoffMs);
        try {
          Thread.sleep(backoffMs);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        backoffMs = Math.min(1_000, backoffMs * 2);
      }
    }
  }

  private JsonNode sendOnce(String method, String path, String body) {
    int start = preferred.get();
    List<String> failures = new ArrayList<>();
    IOException last = null;
    for (int attempt = 0; attempt < baseUrls.size(); attempt++) {
      int index = (start + attempt) % baseUrls.size();
      URI base = baseUrls.get(index);
      try {
        HttpResponse<String> response = http.send(request(base, method, path, body), ofString());
        preferred.set(index);
        return answer(response, method, path);
      } catch (IOException e) {
        LOGGER.debug("Schema registry at {} unreachable for {} {}", base, method, path, e);
        failures.add(base + " (" + e + ")");
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryUnavailableException(
            "Interrupted while calling the schema registry: " + method + " " + path, e);
      }
    }
    throw new SchemaRegistryUnavailableException(
        "No schema registry could be reached for "
            + method
            + " "
            + path
            + "; tried "
            + String.join(", ", failures)
            + ". Check schema.registry.url and that the registry is running.",
        last);
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
  }

  private HttpRequest request(URI base, String method, String path, String body) {
    String baseText = base.toString();
    if (baseText.endsWith("/")) {
      baseText = baseText.substring(0, baseText.length() - 1);
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseText + path))
            .timeout(requestTimeout)
            .header("Accept", CONTENT_TYPE + ", application/json");
    authorization.ifPresent(value -> builder.header("Authorization", value));
    if (body == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder
          .header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    return builder.build();
  }

  private static JsonNode answer(HttpResponse<String> response, String method, String path) {
    int status = response.statusCode();
    String text = response.body() == null ? "" : response.body();
    JsonNode json = null;
    try {
      json = text.isBlank() ? MAPPER.nullNode() : MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      if (status / 100 == 2) {
        throw new RestClientException(
            "Unparseable answer to " + method + " " + path + ": " + abbreviate(text),
            status,
            status);
      }
    }
    if (status / 100 == 2) {
      return json;
    }
    int errorCode = status;
    String message = "HTTP " + status + " for " + method + " " + path + ": " + abbreviate(text);
    if (json != null && json.has("error_code")) {
      errorCode = json.path("error_code").asInt(status);
      message = json.path("message").asText(message);
    }
    throw new RestClientException(message, status, errorCode);
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
