package io.tributary.registry.server.internal.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a registry topic (the log, or the leader election's) exists with one partition (so the
 * log has one order), creating it if missing, and (for the {@code _schemas} log) that it is
 * compacted. Used once at start-up.
 */
public final class SchemasTopic {
  private static final Logger LOGGER = LoggerFactory.getLogger(SchemasTopic.class);

  private SchemasTopic() {}

  /**
   * Creates {@code topic} with one partition (and {@code cleanup.policy=compact} when {@code
   * compacted}) if missing, else checks it has one partition (and is compacted).
   *
   * @param replicationFactor the wanted replication factor, lowered to the number of brokers
   * @throws RegistryStoreException if the topic is unusable or the broker does not answer in time
   */
  public static void ensure(
      Admin admin, String topic, boolean compacted, int replicationFactor, long timeoutMs) {
    try {
      Set<String> names = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
      if (!names.contains(topic)) {
        create(admin, topic, compacted, replicationFactor, timeoutMs);
      }
      verify(admin, topic, compacted, timeoutMs);
    } catch (TimeoutException e) {
      throw new RegistryStoreException(
          "Timed out after " + timeoutMs + " ms checking the topic " + topic, true, e);
    } catch (ExecutionException e) {
      throw new RegistryStoreException(
          "Cannot check or create the topic " + topic + ": " + e.getCause().getMessage(),
          false,
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryStoreException("Interrupted checking the topic " + topic, false, e);
    }
  }

  private static void create(
      Admin admin, String topic, boolean compacted, int replicationFactor, long timeoutMs)
      throws ExecutionException, InterruptedException, TimeoutException {
    Collection<Node> nodes = admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
    short rf = (short) Math.max(1, Math.min(replicationFactor, nodes.size()));
    NewTopic newTopic = new NewTopic(topic, 1, rf);
    if (compacted) {
      newTopic.configs(
          Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
    try {
      admin.createTopics(List.of(newTopic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
      LOGGER.info("Created the topic {} (1 partition, replication factor {})", topic, rf);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
      // Another instance created it meanwhile; verify() checks what it made.
    }
  }

  private static void verify(Admin admin, String topic, boolean compacted, long timeoutMs)
      throws ExecutionException, InterruptedException, TimeoutException {
    TopicDescription description =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(timeoutMs, TimeUnit.MILLISECONDS)
            .get(topic);
    int partitions = description.partitions().size();
    if (partitions != 1) {
      throw new RegistryStoreException(
          "The topic "
              + topic
              + " has "
              + partitions
              + " partitions; the registry needs exactly 1 so every instance reads one order."
              + " Delete it or point kafkastore.topic at another topic",
          false,
          null);
    }
    if (!compacted) {
      return;
    }
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config =
        admin
            .describeConfigs(List.of(resource))
            .all()
            .get(timeoutMs, TimeUnit.MILLISECONDS)
            .get(resource);
    ConfigEntry policy = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
    if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
      throw new RegistryStoreException(
          "The topic "
              + topic
              + " has cleanup.policy="
              + (policy == null ? "(unknown)" : policy.value())
              + "; the registry needs cleanup.policy=compact so no schema is ever deleted by"
              + " retention. Change the topic's cleanup.policy to compact",
          false,
          null);
    }
  }
}
