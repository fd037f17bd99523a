package io.tributary.registry.server.internal.rest;

import static io.tributary.registry.server.internal.rest.RegistryHttp.MAPPER;
import static io.tributary.registry.server.internal.rest.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.registry.server.internal.compat.CompatibilityLevel;
import io.tributary.registry.server.internal.rest.RegistryHttp.Response;
import io.tributary.registry.server.internal.service.FixedLeaderElection;
import io.tributary.registry.server.internal.service.SchemaRegistryService;
import io.tributary.registry.server.internal.service.TestingRegistryLog;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two registry instances sharing one log: the follower forwards writes to the leader over HTTP and
 * relays its answers (errors included); both serve reads; without a reachable leader, writes fail
 * with Confluent's codes while reads go on.
 */
class RegistryForwardingTest {
  private TestingRegistryLog log;
  private RegistryRestServer leader;
  private RegistryRestServer follower;
  private FixedLeaderElection followerElection;
  private RegistryHttp onLeader;
  private RegistryHttp onFollower;
  private URI leaderUrl;

  @BeforeEach
  void start() {
    log = new TestingRegistryLog();
    leader = new RegistryRestServer(service(), FixedLeaderElection.leader());
    leaderUrl = leader.start("127.0.0.1", 0);
    followerElection = FixedLeaderElection.followerOf(leaderUrl);
    follower = new RegistryRestServer(service(), followerElection);
    onLeader = new RegistryHttp(leaderUrl);
    onFollower = new RegistryHttp(follower.start("127.0.0.1", 0));
  }

  @AfterEach
  void stop() {
    follower.close();
    leader.close();
  }

  @Test
  void writesOnTheFollowerReachTheLeaderAndBothServeReads() {
    // when
    Response registered = onFollower.post("/subjects/s/versions", schemaBody("\"string\""));
    Response config = onFollower.put("/config/s", "{\"compatibility\":\"NONE\"}");
    Response mode = onFollower.put("/mode/s", "{\"mode\":\"READONLY\"}");

    // then
    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.json().get("id").asInt()).isEqualTo(1);
    assertThat(config.json().get("compatibility").asText()).isEqualTo("NONE");
    assertThat(mode.json().get("mode").asText()).isEqualTo("READONLY");
    for (RegistryHttp instance : List.of(onLeader, onFollower)) {
      assertThat(instance.get("/subjects/s/versions").json())
          .isEqualTo(MAPPER.valueToTree(List.of(1)));
      assertThat(instance.get("/config/s").json().get("compatibilityLevel").asText())
          .isEqualTo("NONE");
      assertThat(instance.get("/mode/s").json().get("mode").asText()).isEqualTo("READONLY");
    }
  }

  @Test
  void theLeadersRefusalsAreRelayedUnchanged() {
    // given
    onLeader.put("/mode/s", "{\"mode\":\"READONLY\"}");

    // when
    Response readOnly = onFollower.post("/subjects/s/versions", schemaBody("\"string\""));
    Response unknown = onFollower.delete("/subjects/nope");

    // then
    assertThat(readOnly.status()).isEqualTo(422);
    assertThat(readOnly.errorCode()).isEqualTo(42205);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo(40401);
  }

  @Test
  void withoutAKnownLeaderWritesFailWith50004AndReadsGoOn() {
    // given
    onLeader.post("/subjects/s/versions", schemaBody("\"string\""));
    followerElection.set(false, null);
    int before = log.records().size();

    // when
    Response write = onFollower.post("/subjects/s/versions", schemaBody("\"int\""));
    Response existing = onFollower.post("/subjects/s/versions", schemaBody("\"string\""));
    Response read = onFollower.get("/subjects/s/versions/1");

    // then
    assertThat(write.status()).isEqualTo(500);
    assertThat(write.errorCode()).isEqualTo(50004);
    assertThat(existing.json().get("id").asInt()).isEqualTo(1); // known schemas need no leader
    assertThat(read.status()).isEqualTo(200);
    assertThat(log.records()).hasSize(before);
  }

  @Test
  void anUnreachableLeaderFailsTheWriteWith50003() throws IOException {
    // given: a leader URL nothing listens on
    URI nowhere;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    followerElection.set(false, nowhere);

    // when
    Response write = onFollower.put("/config", "{\"compatibility\":\"FULL\"}");

    // then
    assertThat(write.status()).isEqualTo(500);
    assertThat(write.errorCode()).isEqualTo(50003);
    assertThat(onLeader.get("/config").json().get("compatibilityLevel").asText())
        .isEqualTo("BACKWARD");
  }

  @Test
  void aForwardedWriteReachingAnotherFollowerIsNotForwardedAgain() {
    // given: the "leader" lost its leadership and believes the follower leads
    FixedLeaderElection loop = FixedLeaderElection.followerOf(null);
    try (RegistryRestServer third = new RegistryRestServer(service(), loop)) {
      URI thirdUrl = third.start("127.0.0.1", 0);
      loop.set(false, thirdUrl);
      followerElection.set(false, thirdUrl);

      // when
      Response write = onFollower.put("/config", "{\"compatibility\":\"FULL\"}");

      // then
      assertThat(write.status()).isEqualTo(500);
      assertThat(write.errorCode()).isEqualTo(50004);
    }
  }

  private SchemaRegistryService service() {
    SchemaRegistryService service =
        new SchemaRegistryService(log.instance(), CompatibilityLevel.BACKWARD);
    service.start();
    return service;
  }
}
