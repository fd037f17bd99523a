package io.tributary.registry.server.internal.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class LeaderAssignorTest {
  private static final String TOPIC = "_schemas_leader";
  private static final Node NODE = new Node(0, "127.0.0.1", 9092);
  private static final Cluster CLUSTER =
      new Cluster(
          "c",
          List.of(NODE),
          List.of(new PartitionInfo(TOPIC, 0, NODE, new Node[] {NODE}, new Node[] {NODE})),
          Set.of(),
          Set.of());

  private final Map<String, Subscription> members = new HashMap<>();
  private ElectionResult learned;
  private boolean learnedThisMember;

  private LeaderAssignor assignor(ElectionMember self) {
    LeaderAssignor assignor = new LeaderAssignor();
    assignor.configure(
        Map.of(
            LeaderAssignor.PARTICIPANT_CONFIG,
            new LeaderAssignor.Participant() {
              @Override
              public ElectionMember self() {
                return self;
              }

              @Override
              public void elected(ElectionResult result, boolean thisMember) {
                learned = result;
                learnedThisMember = thisMember;
              }
            }));
    return assignor;
  }

  private void join(String memberId, String url, boolean eligible) {
    ElectionMember member = new ElectionMember(URI.create(url), eligible);
    members.put(
        memberId,
        new Subscription(List.of(TOPIC), assignor(member).subscriptionUserData(Set.of(TOPIC))));
  }

  private GroupAssignment assign() {
    return assignor(new ElectionMember(URI.create("http://any:1"), true))
        .assign(CLUSTER, new GroupSubscription(members));
  }

  @Test
  void theEligibleMemberWithTheSmallestUrlLeadsAndHoldsThePartition() {
    // given
    join("m-1", "http://host-c:8081", true);
    join("m-2", "http://host-a:8081", false);
    join("m-3", "http://host-b:8081", true);

    // when
    Map<String, Assignment> assignments = assign().groupAssignment();

    // then
    assertThat(assignments).containsOnlyKeys("m-1", "m-2", "m-3");
    assertThat(assignments.get("m-3").partitions()).containsExactly(new TopicPartition(TOPIC, 0));
    assertThat(assignments.get("m-1").partitions()).isEmpty();
    assertThat(assignments.get("m-2").partitions()).isEmpty();
    for (Assignment assignment : assignments.values()) {
      ElectionResult result = ElectionResult.decode(assignment.userData());
      assertThat(result.leaderMemberId()).isEqualTo("m-3");
      assertThat(result.leader()).contains(URI.create("http://host-b:8081"));
    }
  }

  @Test
  void equalUrlsAreDecidedByMemberId() {
    // given
    join("m-2", "http://host:8081", true);
    join("m-1", "http://host:8081", true);

    // then
    assertThat(ElectionResult.decode(assign().groupAssignment().get("m-2").userData()))
        .isEqualTo(new ElectionResult("m-1", URI.create("http://host:8081")));
  }

  @Test
  void withoutAnEligibleMemberNobodyLeads() {
    // given
    join("m-1", "http://host-a:8081", false);
    members.put(
        "m-2",
        new Subscription(List.of(TOPIC), ByteBuffer.wrap("junk".getBytes(StandardCharsets.UTF_8))));

    // when
    Map<String, Assignment> assignments = assign().groupAssignment();

    // then
    assertThat(assignments.values())
        .allSatisfy(
            a -> assertThat(ElectionResult.decode(a.userData())).isEqualTo(ElectionResult.none()));
  }

  @Test
  void onAssignmentTellsTheParticipantWhetherItLeads() {
    // given
    join("m-1", "http://host-a:8081", true);
    join("m-2", "http://host-b:8081", true);
    GroupAssignment assignment = assign();
    LeaderAssignor mine = assignor(new ElectionMember(URI.create("http://host-b:8081"), true));

    // when
    mine.onAssignment(
        assignment.groupAssignment().get("m-2"),
        new ConsumerGroupMetadata("g", 1, "m-2", Optional.empty()));

    // then
    assertThat(learned.leader()).contains(URI.create("http://host-a:8081"));
    assertThat(learnedThisMember).isFalse();

    // when
    mine.onAssignment(
        assignment.groupAssignment().get("m-1"),
        new ConsumerGroupMetadata("g", 1, "m-1", Optional.empty()));

    // then
    assertThat(learnedThisMember).isTrue();
  }

  @Test
  void refusesAConfigWithoutParticipant() {
    assertThatThrownBy(() -> new LeaderAssignor().configure(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(LeaderAssignor.PARTICIPANT_CONFIG);
  }
}
