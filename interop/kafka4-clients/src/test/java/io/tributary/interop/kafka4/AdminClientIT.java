package io.tributary.interop.kafka4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.Test;

/** Apache kafka-clients 4.x AdminClient against broker-core in its own process. */
class AdminClientIT extends BaseBrokerCoreIT {
  @Test
  void createdTopicsAreDescribedWithTheirPartitionsOnTheOneBroker() throws Exception {
    try (Admin admin = Clients.admin(broker)) {
      // Given
      Collection<Node> nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
      assertThat(nodes).hasSize(1);
      Node node = nodes.iterator().next();
      assertThat(node.port()).isEqualTo(Integer.parseInt(broker.bootstrapServers().split(":")[1]));

      // When
      admin
          .createTopics(
              List.of(new NewTopic("orders", 3, (short) 1), new NewTopic("audit", 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);

      // Then
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("orders", "audit");
      Map<String, TopicDescription> described =
          admin
              .describeTopics(List.of("orders", "audit"))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS);
      assertThat(described.get("orders").partitions()).hasSize(3);
      assertThat(described.get("audit").partitions()).hasSize(1);
      for (TopicDescription topic : described.values()) {
        assertThat(topic.isInternal()).isFalse();
        for (TopicPartitionInfo partition : topic.partitions()) {
          assertThat(partition.leader().id()).isEqualTo(node.id());
          assertThat(partition.replicas()).extracting(Node::id).containsExactly(node.id());
          assertThat(partition.isr()).extracting(Node::id).containsExactly(node.id());
        }
      }
      assertThat(described.get("orders").partitions())
          .extracting(TopicPartitionInfo::partition)
          .containsExactly(0, 1, 2);
    }
  }

  @Test
  void creatingAnExistingTopicFailsWithTopicExists() throws Exception {
    try (Admin admin = Clients.admin(broker)) {
      // Given
      admin
          .createTopics(List.of(new NewTopic("twice", 2, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);

      // When / then
      assertThatThrownBy(
              () ->
                  admin
                      .createTopics(List.of(new NewTopic("twice", 2, (short) 1)))
                      .all()
                      .get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TopicExistsException.class);
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(Set.of("twice"));
    }
  }
}
