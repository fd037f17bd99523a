package io.tributary.runtime.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.internal.rest.TestingRestClient.Answer;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.AppInfoParser;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The server itself: lifecycle, root and health, routing errors, threading. */
class RestServerTest extends BaseRestServerTest {

  @Test
  void rootShowsVersionCommitAndClusterId() {
    Answer answer = rest.get("/");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).isEqualTo("application/json");
    assertThat(answer.json())
        .isEqualTo(
            TestingRestClient.json(
                "{\"version\": \""
                    + AppInfoParser.getVersion()
                    + "\", \"commit\": \""
                    + AppInfoParser.getCommitId()
                    + "\", \"kafka_cluster_id\": \""
                    + RecordingHerder.CLUSTER_ID
                    + "\"}"));
  }

  @Test
  void healthIs200WhenReadyAnd503WhileStarting() {
    Answer healthy = rest.get("/health");
    herder.ready = false;
    Answer starting = rest.get("/health");

    assertThat(healthy.status()).isEqualTo(200);
    assertThat(healthy.json())
        .isEqualTo(
            TestingRestClient.json(
                "{\"status\": \"healthy\", \"message\": \"Worker has completed startup and is"
                    + " ready to handle requests.\"}"));
    assertThat(starting.status()).isEqualTo(503);
    assertThat(starting.json())
        .isEqualTo(
            TestingRestClient.json(
                "{\"status\": \"starting\", \"message\": \"Worker is still starting up.\"}"));
  }

  @Test
  void beforeAHerderIsAttachedHealthIsStartingAndConnectorsAre503() {
    try (RestServer early =
        new RestServer(URI.create("http://127.0.0.1:0"), LoggerLevels.ofSlf4j())) {
      TestingRestClient client = new TestingRestClient(early.start());

      assertThat(client.get("/health").status()).isEqualTo(503);
      assertError(client.get("/connectors"), 503, "starting");
      assertThat(client.get("/admin/loggers").status()).isEqualTo(200);

      early.attach(herder);
      assertThat(client.get("/health").status()).isEqualTo(200);
      assertThat(client.get("/connectors").status()).isEqualTo(200);
    }
  }

  @Test
  void answersClientsThatOfferAnHttp2Upgrade() throws Exception {
    // Java's HttpClient asks to upgrade to h2c by default; the server answers over HTTP/1.1.
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/connectors"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(response.body()).isEqualTo("[]");
  }

  @Test
  void unknownPathIs404WithTheErrorBody() {
    assertError(rest.get("/nothing/here"), 404, "HTTP 404 Not Found");
    assertError(rest.get("/connectors/demo/unknown"), 404, "HTTP 404 Not Found");
  }

  @Test
  void wrongMethodIs405WithTheErrorBody() {
    assertError(rest.send("DELETE", "/connectors", null), 405, "HTTP 405 Method Not Allowed");
    assertError(rest.send("POST", "/connectors/demo/pause", null), 405, "Method Not Allowed");
  }

  @Test
  void aBodyOverTheLimitIs413WithTheErrorBody() {
    String huge = "{\"a\": \"" + "x".repeat((int) RestServer.MAX_BODY_BYTES) + "\"}";

    assertError(rest.send("PUT", "/connectors/demo/config", huge), 413, "HTTP 413");
    assertThat(herder.calls).noneMatch(c -> c.startsWith("putConnectorConfig"));
  }

  @Test
  void unexpectedErrorsAre500WithTheirMessage() {
    Answer answer = rest.get("/connectors/" + RecordingHerder.FAILING);

    assertError(answer, 500, "simulated bug while looking up explodes");
  }

  @Test
  void herderCallsNeverRunOnTheEventLoop() {
    rest.get("/connectors");
    rest.get("/");
    rest.send("POST", "/connectors", connectorBody("demo", SOURCE_CONFIG));

    assertThat(herder.callThreads).hasSizeGreaterThanOrEqualTo(3);
    assertThat(herder.callThreads).noneMatch(thread -> thread.contains("eventloop"));
  }

  @Test
  void listensOnTheConfiguredListener() {
    WorkerConfig config =
        new WorkerConfig(Map.of(WorkerConfig.LISTENERS_CONFIG, "http://127.0.0.1:0"));
    try (RestServer fromConfig = new RestServer(config)) {
      URI url = fromConfig.start();

      assertThat(url.getHost()).isEqualTo("127.0.0.1");
      assertThat(url.getPort()).isPositive();
      assertThat(fromConfig.url()).isEqualTo(url);
    }
  }

  @Test
  void aBusyPortFailsNamingTheListener() {
    URI busy = server.url();
    try (RestServer second = new RestServer(busy, LoggerLevels.ofSlf4j())) {
      assertThatThrownBy(second::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(busy.toString())
          .hasMessageContaining("listeners");
    }
  }

  @Test
  void invalidListenersAreRefused() {
    assertThatThrownBy(
            () -> new RestServer(URI.create("https://127.0.0.1:8443"), LoggerLevels.ofSlf4j()))
        .hasMessageContaining("only http://");
    assertThatThrownBy(() -> new RestServer(URI.create("http://127.0.0.1"), LoggerLevels.ofSlf4j()))
        .hasMessageContaining("port");
    assertThatThrownBy(
            () ->
                new RestServer(
                    new WorkerConfig(
                        Map.of(
                            WorkerConfig.LISTENERS_CONFIG,
                            "http://127.0.0.1:1,http://127.0.0.1:2"))))
        .hasMessageContaining("exactly one listener");
  }

  @Test
  void closeStopsListening() {
    URI url = server.url();
    long started = System.nanoTime();

    server.close();

    org.slf4j.LoggerFactory.getLogger(RestServerTest.class)
        .info("RestServer closed in {} ms", (System.nanoTime() - started) / 1_000_000);
    assertThatThrownBy(() -> new Socket(url.getHost(), url.getPort()).close())
        .isInstanceOf(ConnectException.class);
    server.close();
  }

  @Test
  void closeDoesNotWaitForABlockedHerderCall() {
    // given a request whose herder call blocks
    CountDownLatch release = new CountDownLatch(1);
    herder.blockConnectors = release;
    CompletableFuture<HttpResponse<String>> pending =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .sendAsync(
                HttpRequest.newBuilder(URI.create(server.url() + "/connectors")).build(),
                HttpResponse.BodyHandlers.ofString());
    Awaitility.await().until(() -> herder.calls.contains("connectors()"));

    // when
    long started = System.nanoTime();
    server.close();

    // then the server is closed and the client sees the connection end
    org.slf4j.LoggerFactory.getLogger(RestServerTest.class)
        .info(
            "RestServer closed with a blocked request in {} ms",
            (System.nanoTime() - started) / 1_000_000);
    release.countDown();
    assertThatThrownBy(() -> pending.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void startsOnlyOnce() {
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }
}
