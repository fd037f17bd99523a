package io.tributary.registry.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.broker.testing.EmbeddedBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registry instances sharing one broker-core: one leader elected, writes on a follower reach the
 * leader, the leader stopped and another takes over, and a restart keeps ids and versions.
 */
class EmbeddedRegistryIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration AWAIT = Duration.ofSeconds(60);
  private static final String V1 =
      "{\"type\":\"record\",\"name\":\"User\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}";
  private static final String V2 =
      "{\"type\":\"record\",\"name\":\"User\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
          + "{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null}]}";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final List<EmbeddedRegistry> registries = new ArrayList<>();
  private EmbeddedBroker broker;

  @BeforeEach
  void startBroker() {
    broker = EmbeddedBroker.start(Map.of("group.initial.rebalance.delay.ms", "0"));
  }

  @AfterEach
  void stop() {
    registries.forEach(EmbeddedRegistry::close);
    broker.close();
  }

  private EmbeddedRegistry startRegistry() {
    EmbeddedRegistry registry = EmbeddedRegistry.start(broker.bootstrapServers());
    registries.add(registry);
    return registry;
  }

  private static EmbeddedRegistry awaitOneLeader(List<EmbeddedRegistry> instances) {
    await()
        .atMost(AWAIT)
        .untilAsserted(
            () -> {
              List<EmbeddedRegistry> leaders =
                  instances.stream().filter(EmbeddedRegistry::isLeader).toList();
              assertThat(leaders).hasSize(1);
              assertThat(instances)
                  .allSatisfy(r -> assertThat(r.leaderUrl()).contains(leaders.get(0).url()));
            });
    return instances.stream().filter(EmbeddedRegistry::isLeader).findFirst().orElseThrow();
  }

  @Test
  void followersForwardWritesAndAnotherInstanceTakesOverFromAStoppedLeader() throws Exception {
    // given
    EmbeddedRegistry a = startRegistry();
    EmbeddedRegistry b = startRegistry();
    EmbeddedRegistry leader = awaitOneLeader(List.of(a, b));
    EmbeddedRegistry follower = leader == a ? b : a;

    // when: a schema is registered on the follower
    JsonNode registered = post(follower.url(), "/subjects/users-value/versions", V1);

    // then: the leader wrote it and both serve it
    assertThat(registered.get("id").asInt()).isEqualTo(1);
    assertThat(get(leader.url(), "/subjects/users-value/versions").toString()).isEqualTo("[1]");
    await()
        .atMost(AWAIT)
        .untilAsserted(
            () ->
                assertThat(get(follower.url(), "/schemas/ids/1").path("schema").asText())
                    .isEqualTo(V1));

    // when: the leader stops
    leader.close();
    registries.remove(leader);

    // then: the other instance leads and takes writes
    awaitOneLeader(List.of(follower));
    JsonNode second = post(follower.url(), "/subjects/users-value/versions", V2);
    assertThat(second.get("id").asInt()).isEqualTo(2);
    assertThat(get(follower.url(), "/subjects/users-value/versions").toString()).isEqualTo("[1,2]");
  }

  @Test
  void aRestartedRegistryKeepsIdsAndVersions() throws Exception {
    // given
    EmbeddedRegistry first = startRegistry();
    awaitOneLeader(List.of(first));
    post(first.url(), "/subjects/users-value/versions", V1);
    post(first.url(), "/subjects/users-value/versions", V2);
    post(first.url(), "/subjects/copy-value/versions", V2);
    first.close();
    registries.remove(first);

    // when: a new instance starts on the same topic, after a broker restart
    broker.restart();
    EmbeddedRegistry second = startRegistry();
    awaitOneLeader(List.of(second));

    // then: the same versions and ids, and new schemas get new ids
    assertThat(get(second.url(), "/subjects/users-value/versions").toString()).isEqualTo("[1,2]");
    JsonNode v2 = get(second.url(), "/subjects/users-value/versions/2");
    assertThat(v2.get("id").asInt()).isEqualTo(2);
    assertThat(get(second.url(), "/subjects/copy-value/versions/1").get("id").asInt()).isEqualTo(2);
    assertThat(post(second.url(), "/subjects/users-value/versions", V1).get("id").asInt())
        .isEqualTo(1);
    assertThat(post(second.url(), "/subjects/other-value/versions", "\"string\"").get("id").asInt())
        .isEqualTo(3);
  }

  private JsonNode get(URI base, String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  private JsonNode post(URI base, String path, String schema)
      throws IOException, InterruptedException {
    String body = MAPPER.createObjectNode().put("schema", schema).toString();
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return MAPPER.readTree(response.body());
  }
}
