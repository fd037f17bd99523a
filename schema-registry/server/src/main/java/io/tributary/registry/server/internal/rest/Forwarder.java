package io.tributary.registry.server.internal.rest;

import io.tributary.registry.server.internal.election.LeaderElection;
import io.tributary.registry.server.internal.service.RegistryErrors;
import io.tributary.registry.server.internal.service.RegistryException;
import io.tributary.registry.server.internal.service.SchemaRegistryService;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs writes on the leader and forwards them from the other instances: the request (method, path
 * with query, body, content and accept types) goes to {@link LeaderElection#leaderUrl()} over HTTP
 * and the leader's answer (status, body, content type) comes back unchanged. After a forwarded
 * write succeeds, this instance waits until it has read the write from the log, so a read that
 * follows sees it.
 *
 * <p>A forwarded request carries {@value #FORWARDED_HEADER}; an instance that gets one while not
 * the leader refuses it (50004) instead of forwarding again, so requests never loop. Thread-safe.
 */
final class Forwarder {
  private static final Logger LOGGER = LoggerFactory.getLogger(Forwarder.class);

  static final String FORWARDED_HEADER = "X-Tributary-Registry-Forwarded";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final LeaderElection election;
  private final SchemaRegistryService service;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  Forwarder(LeaderElection election, SchemaRegistryService service) {
    this.election = election;
    this.service = service;
  }

  /** Whether this instance is the leader now. */
  boolean isLeader() {
    return election.isLeader();
  }

  /** Runs {@code local} on the leader; forwards the request to the leader elsewhere. */
  Reply leaderOrForward(RoutingContext ctx, Endpoints.Endpoint local) throws Exception {
    if (election.isLeader()) {
      return local.handle(ctx);
    }
    return forward(ctx);
  }

  /**
   * Forwards the request to the leader and relays its answer.
   *
   * @throws RegistryException 50004 when no leader is known, 50003 when it cannot be reached
   */
  Reply forward(RoutingContext ctx) {
    if (ctx.request().getHeader(FORWARDED_HEADER) != null) {
      throw RegistryErrors.unknownLeader(
          "Leader not known: this instance got a forwarded write but is not the leader (an"
              + " election is under way); retry shortly.");
    }
    Optional<URI> leader = election.leaderUrl();
    if (leader.isEmpty()) {
      throw RegistryErrors.unknownLeader(
          "Leader not known: no registry instance is the leader now; retry shortly.");
    }
    URI target = URI.create(stripSlash(leader.get().toString()) + ctx.request().uri());
    byte[] body =
        ctx.body() != null && ctx.body().buffer() != null ? ctx.body().buffer().getBytes() : null;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(TIMEOUT)
            .header(FORWARDED_HEADER, "true")
            .method(
                ctx.request().method().name(),
                body == null || body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    copyHeader(ctx, request, HttpHeaders.CONTENT_TYPE.toString());
    copyHeader(ctx, request, HttpHeaders.ACCEPT.toString());
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw RegistryErrors.requestForwardingFailed(
          "Error while forwarding the request to the leader at " + leader.get() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryErrors.requestForwardingFailed(
          "Interrupted while forwarding the request to the leader at " + leader.get(), e);
    }
    LOGGER.debug(
        "Forwarded {} {} to {}: {}",
        ctx.request().method(),
        ctx.request().path(),
        leader.get(),
        response.statusCode());
    if (response.statusCode() / 100 == 2) {
      catchUp();
    }
    String contentType =
        response.headers().firstValue("Content-Type").orElse(RegistryJson.responseType(ctx));
    return Reply.relayed(response.statusCode(), response.body(), contentType);
  }

  /** Read-your-writes on this instance: wait until the leader's write has been read here. */
  private void catchUp() {
    try {
      service.awaitCaughtUp(TIMEOUT);
    } catch (RegistryException e) {
      // The write is done on the leader; only its visibility here is late.
      LOGGER.warn("A forwarded write succeeded but is not yet visible here: {}", e.getMessage());
    }
  }

  private static void copyHeader(RoutingContext ctx, HttpRequest.Builder request, String name) {
    String value = ctx.request().getHeader(name);
    if (value != null) {
      request.header(name, value);
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
