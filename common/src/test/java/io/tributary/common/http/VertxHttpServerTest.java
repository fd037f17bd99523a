package io.tributary.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VertxHttpServerTest {
  private static final Function<Vertx, Handler<HttpServerRequest>> HELLO =
      vertx -> request -> request.response().end("hello");

  private final VertxHttpServer server = new VertxHttpServer("test server");

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void servesOnTheBoundUrlOverHttp11() throws Exception {
    // given
    URI url = server.start("127.0.0.1", 0, HELLO, cause -> "unexpected: " + cause);

    // when: Java's client asks to upgrade to h2c by default
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(url.getScheme()).isEqualTo("http");
    assertThat(url.getHost()).isEqualTo("127.0.0.1");
    assertThat(url.getPort()).isPositive();
    assertThat(url.getPath()).isEmpty();
    assertThat(server.url()).isEqualTo(url);
    assertThat(response.body()).isEqualTo("hello");
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
  }

  @Test
  void aBusyPortFailsWithTheCallersMessageAndTheServerIsClosed() {
    // given
    URI busy = server.start("127.0.0.1", 0, HELLO, cause -> "unexpected: " + cause);
    VertxHttpServer second = new VertxHttpServer("second server");

    // when / then
    assertThatThrownBy(
            () ->
                second.start(
                    "127.0.0.1", busy.getPort(), HELLO, cause -> "port in use (" + cause + ")"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("port in use (")
        .hasCauseInstanceOf(Exception.class);
    assertThatThrownBy(second::url).hasMessage("The second server is CLOSED; it has no URL.");
    assertThat(second.stop()).isFalse();
  }

  @Test
  void startsOnlyOnce() {
    // given
    server.start("127.0.0.1", 0, HELLO, cause -> cause);

    // when / then
    assertThatThrownBy(() -> server.start("127.0.0.1", 0, HELLO, cause -> cause))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("The test server is STARTED; it can start only once.");
  }

  @Test
  void routesThatCannotBeBuiltFailTheStartAndReleaseTheServer() {
    // when / then
    assertThatThrownBy(
            () ->
                server.start(
                    "127.0.0.1",
                    0,
                    vertx -> {
                      throw new IllegalArgumentException("bad route");
                    },
                    cause -> cause))
        .hasMessage("bad route");
    assertThat(server.stop()).isFalse();
  }

  @Test
  void stopStopsListeningOnceAndNeverRestarts() throws Exception {
    // given
    URI url = server.start("127.0.0.1", 0, HELLO, cause -> cause);

    // when
    boolean first = server.stop();
    boolean second = server.stop();

    // then
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(server.url()).isEqualTo(url);
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
    assertThatThrownBy(() -> server.start("127.0.0.1", 0, HELLO, cause -> cause))
        .hasMessage("The test server is CLOSED; it can start only once.");
  }

  @Test
  void aNeverStartedServerHasNoUrlAndStopsQuietly() {
    assertThatThrownBy(server::url).hasMessage("The test server is NEW; it has no URL.");
    assertThat(server.stop()).isFalse();
  }

  @Test
  void ipv6HostsStandInBracketsInUrls() {
    assertThat(VertxHttpServer.hostForUrl("::1")).isEqualTo("[::1]");
    assertThat(VertxHttpServer.hostForUrl("[::1]")).isEqualTo("[::1]");
    assertThat(VertxHttpServer.hostForUrl("127.0.0.1")).isEqualTo("127.0.0.1");
    assertThat(VertxHttpServer.hostForUrl("localhost")).isEqualTo("localhost");
  }
}
