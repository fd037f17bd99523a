package io.tributary.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST client against a small HTTP server answering as the registry does (paths, JSON, content
 * type, error bodies), recording what it was asked.
 */
class RestSchemaRegistryClientTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Schema USER =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"User\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}");

  /** A request as the fake registry saw it. */
  record Seen(
      String method, String path, String query, String contentType, String auth, JsonNode body) {}

  private HttpServer server;
  private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Integer> idsBySchema = new ConcurrentHashMap<>();
  private final AtomicInteger leaderlessAnswers = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    JsonNode json = body.isEmpty() ? null : MAPPER.readTree(body);
    seen.add(
        new Seen(
            method,
            path,
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestHeaders().getFirst("Authorization"),
            json));
    if (method.equals("POST")
        && path.equals("/subjects/orders-value/versions")
        && leaderlessAnswers.getAndDecrement() > 0) {
      reply(
          exchange,
          500,
          Map.of("error_code", 50004, "message", "Leader not known; retry shortly."));
    } else if (method.equals("POST") && path.equals("/subjects/orders-value/versions")) {
      String schema = json.get("schema").asText();
      int id = idsBySchema.computeIfAbsent(schema, s -> idsBySchema.size() + 10);
      reply(exchange, 200, Map.of("id", id));
    } else if (method.equals("GET") && path.equals("/schemas/ids/10")) {
      reply(exchange, 200, Map.of("schema", USER.toString()));
    } else if (method.equals("GET") && path.startsWith("/schemas/ids/")) {
      reply(exchange, 404, Map.of("error_code", 40403, "message", "Schema not found"));
    } else if (method.equals("GET") && path.equals("/subjects/orders-value/versions/latest")) {
      reply(
          exchange,
          200,
          Map.of("subject", "orders-value", "id", 10, "version", 3, "schema", USER.toString()));
    } else if (method.equals("GET") && path.equals("/subjects/a%2Fb%20c/versions/7")) {
      reply(exchange, 404, Map.of("error_code", 40402, "message", "Version 7 not found."));
    } else if (method.equals("POST") && path.equals("/subjects/orders-value")) {
      reply(
          exchange,
          200,
          Map.of("subject", "orders-value", "id", 10, "version", 2, "schema", USER.toString()));
    } else if (method.equals("POST") && path.equals("/subjects/incompatible/versions")) {
      reply(
          exchange,
          409,
          Map.of(
              "error_code",
              40901,
              "message",
              "Schema being registered is incompatible with an earlier schema for subject"
                  + " \"incompatible\""));
    } else if (method.equals("GET") && path.equals("/subjects")) {
      reply(exchange, 200, List.of("a", "orders-value"));
    } else if (method.equals("GET") && path.equals("/subjects/orders-value/versions")) {
      reply(exchange, 200, List.of(1, 2, 3));
    } else if (method.equals("DELETE") && path.equals("/subjects/orders-value")) {
      reply(exchange, 200, List.of(1, 2, 3));
    } else if (path.equals("/broken")) {
      exchange.sendResponseHeaders(500, -1);
    } else {
      reply(exchange, 404, Map.of("error_code", 40401, "message", "Subject 'x' not found."));
    }
  }

  private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private SchemaRegistryClient client(Map<String, Object> extra) {
    Map<String, Object> configs = new HashMap<>(extra);
    configs.putIfAbsent("schema.registry.url", url());
    return SchemaRegistryClients.fromConfig(configs);
  }

  @Test
  void registerPostsTheSchemaWithTheRegistryContentTypeAndReturnsTheId() {
    // given
    SchemaRegistryClient client = client(Map.of());

    // when
    int id = client.register("orders-value", USER, true);

    // then
    assertThat(id).isEqualTo(10);
    Seen request = seen.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/subjects/orders-value/versions");
    assertThat(request.query()).isEqualTo("normalize=true");
    assertThat(request.contentType()).isEqualTo(CONTENT_TYPE);
    assertThat(new Schema.Parser().parse(request.body().get("schema").asText())).isEqualTo(USER);
  }

  @Test
  void idsAndRegistrationsAreCached() {
    SchemaRegistryClient client = client(Map.of());

    client.register("orders-value", USER);
    client.register("orders-value", USER);
    Schema first = client.getSchemaById(10);
    Schema second = client.getSchemaById(10);

    assertThat(first).isEqualTo(USER).isSameAs(second);
    assertThat(seen).hasSize(1); // the register answer also primes the id cache
  }

  @Test
  void readsMapTheRegistryJson() {
    SchemaRegistryClient client = client(Map.of());

    assertThat(client.getLatestSchemaMetadata("orders-value"))
        .isEqualTo(new SchemaMetadata("orders-value", 10, 3, USER.toString()));
    assertThat(client.getId("orders-value", USER)).isEqualTo(10);
    assertThat(client.getVersion("orders-value", USER)).isEqualTo(2);
    assertThat(client.getAllSubjects()).containsExactly("a", "orders-value");
    assertThat(client.getAllVersions("orders-value")).containsExactly(1, 2, 3);
    assertThat(client.deleteSubject("orders-value")).containsExactly(1, 2, 3);
    assertThat(seen).extracting(Seen::method).contains("DELETE");
  }

  @Test
  void registryErrorsCarryStatusCodeAndMessage() {
    SchemaRegistryClient client = client(Map.of());

    assertThatThrownBy(() -> client.getSchemaById(99))
        .isInstanceOfSatisfying(
            RestClientException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.errorCode()).isEqualTo(40403);
              assertThat(e.registryMessage()).isEqualTo("Schema not found");
            });
    assertThatThrownBy(() -> client.register("incompatible", USER))
        .isInstanceOfSatisfying(
            RestClientException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.errorCode()).isEqualTo(40901);
              assertThat(e.getMessage()).contains("incompatible").contains("40901");
            });
    assertThatThrownBy(() -> client.getSchemaMetadata("a/b c", 7))
        .isInstanceOfSatisfying(
            RestClientException.class, e -> assertThat(e.errorCode()).isEqualTo(40402));
  }

  @Test
  void whileNoLeaderIsKnownARegistrationIsRetriedUntilOneIs() {
    // Given a registry that answers "leader not known" twice, as during an election
    leaderlessAnswers.set(2);
    try (SchemaRegistryClient client = client(Map.of())) {
      // When a schema is registered, then it gets its id after two retries
      assertThat(client.register("orders-value", USER)).isEqualTo(10);
    }
    assertThat(seen).filteredOn(s -> s.method().equals("POST")).hasSize(3);
  }

  @Test
  void withoutRetriesTheLeaderlessAnswerIsTheError() {
    leaderlessAnswers.set(1);
    try (SchemaRegistryClient client = client(Map.of("schema.registry.retry.timeout.ms", "0"))) {
      assertThatThrownBy(() -> client.register("orders-value", USER))
          .isInstanceOfSatisfying(
              RestClientException.class, e -> assertThat(e.errorCode()).isEqualTo(50004));
    }
  }

  @Test
  void anUnreachableUrlIsSkippedForTheNextOne() throws IOException {
    // given: a port nobody listens on, first in the list
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    SchemaRegistryClient client =
        client(Map.of("schema.registry.url", "http://127.0.0.1:" + closedPort + "," + url()));

    // when / then
    assertThat(client.getAllSubjects()).containsExactly("a", "orders-value");
  }

  @Test
  void noReachableUrlIsAClearError() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    SchemaRegistryClient client =
        client(Map.of("schema.registry.url", "http://127.0.0.1:" + closedPort));

    assertThatThrownBy(client::getAllSubjects)
        .isInstanceOf(SchemaRegistryUnavailableException.class)
        .hasMessageContaining("127.0.0.1:" + closedPort)
        .hasMessageContaining("schema.registry.url");
  }

  @Test
  void basicAuthUserInfoIsSentButNeverShownInErrors() {
    SchemaRegistryClient client =
        client(
            Map.of(
                "basic.auth.credentials.source",
                "USER_INFO",
                "basic.auth.user.info",
                "ann:s3cret"));

    assertThatThrownBy(() -> client.getSchemaById(99)).hasMessageNotContaining("s3cret");

    String expected =
        "Basic "
            + Base64.getEncoder().encodeToString("ann:s3cret".getBytes(StandardCharsets.UTF_8));
    assertThat(seen.get(0).auth()).isEqualTo(expected);
  }

  @Test
  void userInfoInTheUrlIsUsedForBasicAuth() {
    SchemaRegistryClient client =
        client(Map.of("schema.registry.url", url().replace("http://", "http://bob:pw@")));

    client.getAllSubjects();

    assertThat(seen.get(0).auth())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder().encodeToString("bob:pw".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void tooManySchemasForOneSubjectFailsWithTheLimitNamed() {
    SchemaRegistryClient client = client(Map.of("max.schemas.per.subject", 2));
    for (int i = 0; i < 2; i++) {
      client.register("orders-value", Schema.createFixed("F" + i, null, "x", 1));
    }

    assertThatThrownBy(
            () -> client.register("orders-value", Schema.createFixed("F9", null, "x", 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("max.schemas.per.subject");
  }

  @Test
  void badUrlsAreConfigErrorsNamingTheKey() {
    assertThatThrownBy(() -> client(Map.of("schema.registry.url", "ftp://x")))
        .hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> client(Map.of("basic.auth.credentials.source", "USER_INFO")))
        .hasMessageContaining("basic.auth.user.info");
  }
}
