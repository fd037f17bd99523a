package io.tributary.registry.server.internal.election;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer group assignor that elects the registry's leader. Each member's subscription carries
 * its {@link ElectionMember} (URL, eligibility); the group leader's {@link #assign} picks the
 * eligible member with the smallest URL (ties broken by member id), gives it the election topic's
 * partition, and tells every member the outcome in its assignment's user data; {@link
 * #onAssignment} hands the outcome to the {@link Participant}.
 *
 * <p>Kafka creates the assignor from its class name, so the participant comes through the consumer
 * config under {@link #PARTICIPANT_CONFIG}. Called on the consumer's polling thread.
 */
public final class LeaderAssignor implements ConsumerPartitionAssignor, Configurable {
  private static final Logger LOGGER = LoggerFactory.getLogger(LeaderAssignor.class);

  /** The protocol name members agree on in the group. */
  public static final String NAME = "tributary-registry-leader";

  /** The consumer config key holding this member's {@link Participant}. */
  public static final String PARTICIPANT_CONFIG = "tributary.registry.election.participant";

  /** The member side of the election: who it is and what it learns. */
  interface Participant {
    ElectionMember self();

    /** The group's new election outcome; {@code thisMember} tells whether this member leads. */
    void elected(ElectionResult result, boolean thisMember);
  }

  private Participant participant;

  @Override
  public void configure(Map<String, ?> configs) {
    Object value = configs.get(PARTICIPANT_CONFIG);
    if (!(value instanceof Participant p)) {
      throw new ConfigException(PARTICIPANT_CONFIG, value, "must be the election's participant");
    }
    this.participant = p;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ByteBuffer subscriptionUserData(Set<String> topics) {
    return participant.self().encode();
  }

  @Override
  public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
    Map<String, Subscription> members = groupSubscription.groupSubscription();
    Map<String, ElectionMember> candidates = new HashMap<>();
    Set<String> topics = new TreeSet<>();
    members.forEach(
        (memberId, subscription) -> {
          topics.addAll(subscription.topics());
          try {
            candidates.put(memberId, ElectionMember.decode(subscription.userData()));
          } catch (IllegalArgumentException e) {
            LOGGER.warn(
                "Member {} of the registry group cannot lead: {}", memberId, e.getMessage());
          }
        });
    Optional<Map.Entry<String, ElectionMember>> leader =
        candidates.entrySet().stream()
            .filter(e -> e.getValue().eligible())
            .min(
                Comparator.comparing((Map.Entry<String, ElectionMember> e) -> e.getValue().url())
                    .thenComparing(Map.Entry::getKey));
    ElectionResult result =
        leader
            .map(e -> new ElectionResult(e.getKey(), e.getValue().url()))
            .orElse(ElectionResult.none());
    if (leader.isEmpty()) {
      LOGGER.warn(
          "No eligible registry instance among {} members: writes are refused until one joins",
          members.size());
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      Integer count = metadata.partitionCountForTopic(topic);
      for (int p = 0; count != null && p < count; p++) {
        partitions.add(new TopicPartition(topic, p));
      }
    }
    // The leader holds the partition; with no leader some member must, or Kafka warns about it.
    String holder =
        result.leaderMemberId() != null
            ? result.leaderMemberId()
            : members.keySet().stream().min(Comparator.naturalOrder()).orElse(null);
    Map<String, Assignment> assignments = new HashMap<>();
    for (String memberId : members.keySet()) {
      boolean leads = memberId.equals(holder);
      assignments.put(memberId, new Assignment(leads ? partitions : List.of(), result.encode()));
    }
    return new GroupAssignment(assignments);
  }

  @Override
  public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
    ElectionResult result;
    try {
      result = ElectionResult.decode(assignment.userData());
    } catch (IllegalArgumentException e) {
      LOGGER.warn("Unreadable registry election result ({}); no leader known", e.getMessage());
      result = ElectionResult.none();
    }
    participant.elected(result, metadata.memberId().equals(result.leaderMemberId()));
  }
}
