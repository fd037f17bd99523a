package io.tributary.broker;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.handler.AlterConfigsHandler;
import io.tributary.broker.internal.handler.ApiHandler;
import io.tributary.broker.internal.handler.BrokerIdentity;
import io.tributary.broker.internal.handler.CreatePartitionsHandler;
import io.tributary.broker.internal.handler.CreateTopicsHandler;
import io.tributary.broker.internal.handler.DelayedFetches;
import io.tributary.broker.internal.handler.DeleteGroupsHandler;
import io.tributary.broker.internal.handler.DeleteRecordsHandler;
import io.tributary.broker.internal.handler.DeleteTopicsHandler;
import io.tributary.broker.internal.handler.DescribeClusterHandler;
import io.tributary.broker.internal.handler.DescribeConfigsHandler;
import io.tributary.broker.internal.handler.DescribeGroupsHandler;
import io.tributary.broker.internal.handler.FetchHandler;
import io.tributary.broker.internal.handler.FindCoordinatorHandler;
import io.tributary.broker.internal.handler.HeartbeatHandler;
import io.tributary.broker.internal.handler.IncrementalAlterConfigsHandler;
import io.tributary.broker.internal.handler.InitProducerIdHandler;
import io.tributary.broker.internal.handler.JoinGroupHandler;
import io.tributary.broker.internal.handler.LeaveGroupHandler;
import io.tributary.broker.internal.handler.ListGroupsHandler;
import io.tributary.broker.internal.handler.ListOffsetsHandler;
import io.tributary.broker.internal.handler.MetadataHandler;
import io.tributary.broker.internal.handler.OffsetCommitHandler;
import io.tributary.broker.internal.handler.OffsetDeleteHandler;
import io.tributary.broker.internal.handler.OffsetFetchHandler;
import io.tributary.broker.internal.handler.ProduceHandler;
import io.tributary.broker.internal.handler.SyncGroupHandler;
import io.tributary.broker.internal.handler.TopicDefaults;
import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.producer.ProducerIdManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Kafka APIs this broker serves, one handler each, grouped by what they work on. ApiVersions
 * announces exactly these (see {@code docs/broker.md}).
 */
final class BrokerApis {
  private BrokerApis() {}

  /** The stateful services behind the group, producer and fetch APIs. */
  record Coordinators(
      GroupCoordinator groups, ProducerIdManager producerIds, DelayedFetches delayedFetches) {
    Coordinators {
      requireNonNull(groups, "groups is null");
      requireNonNull(producerIds, "producerIds is null");
      requireNonNull(delayedFetches, "delayedFetches is null");
    }
  }

  static List<ApiHandler<?>> handlers(
      BrokerConfig config,
      Supplier<BrokerIdentity> identity,
      LogManager logs,
      Coordinators coordinators) {
    List<ApiHandler<?>> handlers = new ArrayList<>();
    handlers.addAll(recordApis(identity, logs, coordinators, config));
    handlers.addAll(topicApis(identity, logs, config));
    handlers.addAll(groupApis(identity, logs, coordinators.groups()));
    return List.copyOf(handlers);
  }

  /** Metadata, produce, fetch and offsets of records. */
  private static List<ApiHandler<?>> recordApis(
      Supplier<BrokerIdentity> identity,
      LogManager logs,
      Coordinators coordinators,
      BrokerConfig config) {
    return List.of(
        new MetadataHandler(identity, logs, creationDefaults(config)),
        new ProduceHandler(logs),
        new FetchHandler(logs, coordinators.delayedFetches()),
        new ListOffsetsHandler(logs),
        new DeleteRecordsHandler(logs),
        new InitProducerIdHandler(coordinators.producerIds()));
  }

  /** Topics, configs and the cluster description (what AdminClient uses). */
  private static List<ApiHandler<?>> topicApis(
      Supplier<BrokerIdentity> identity, LogManager logs, BrokerConfig config) {
    return List.of(
        new CreateTopicsHandler(logs, creationDefaults(config), config),
        new DeleteTopicsHandler(logs, config.deleteTopicEnable()),
        new CreatePartitionsHandler(logs, config::nodeId),
        new DescribeConfigsHandler(logs, config),
        new AlterConfigsHandler(logs),
        new IncrementalAlterConfigsHandler(logs, config.topicDefaults()),
        new DescribeClusterHandler(identity));
  }

  /** Consumer (and other) groups: membership, rebalancing and committed offsets. */
  private static List<ApiHandler<?>> groupApis(
      Supplier<BrokerIdentity> identity, LogManager logs, GroupCoordinator groups) {
    return List.of(
        new FindCoordinatorHandler(identity, groups),
        new JoinGroupHandler(groups),
        new SyncGroupHandler(groups),
        new HeartbeatHandler(groups),
        new LeaveGroupHandler(groups),
        new OffsetCommitHandler(groups, logs),
        new OffsetFetchHandler(groups),
        new OffsetDeleteHandler(groups, logs),
        new DescribeGroupsHandler(groups),
        new ListGroupsHandler(groups),
        new DeleteGroupsHandler(groups));
  }

  private static TopicDefaults creationDefaults(BrokerConfig config) {
    return new TopicDefaults(config.autoCreateTopics(), config.defaultPartitions());
  }
}
