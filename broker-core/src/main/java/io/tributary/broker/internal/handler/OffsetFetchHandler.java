package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.group.CommittedOffset;
import io.tributary.broker.internal.group.GroupCoordinator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetFetchRequest;
import org.apache.kafka.common.requests.OffsetFetchResponse;
import org.apache.kafka.common.requests.OffsetFetchResponse.PartitionData;

/**
 * OffsetFetch v0-v9 (v2+ "all partitions" with null topics, v8+ several groups). A partition
 * without a committed offset answers offset -1. requireStable is accepted and has nothing to wait
 * for, since there are no transactions yet.
 */
public final class OffsetFetchHandler implements ApiHandler<OffsetFetchRequest> {
  private static final PartitionData NO_OFFSET =
      new PartitionData(-1L, Optional.empty(), "", Errors.NONE);

  private final GroupCoordinator coordinator;

  public OffsetFetchHandler(GroupCoordinator coordinator) {
    this.coordinator = requireNonNull(coordinator, "coordinator is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.OFFSET_FETCH, 0, 9);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, OffsetFetchRequest request) {
    short version = context.apiVersion();
    if (version >= 8) {
      Map<String, Errors> groupErrors = new HashMap<>();
      Map<String, Map<TopicPartition, PartitionData>> groups = new LinkedHashMap<>();
      request
          .groupIdsToPartitions()
          .forEach(
              (groupId, partitions) -> {
                groupErrors.put(groupId, Errors.NONE);
                groups.put(groupId, fetch(groupId, partitions));
              });
      return CompletableFuture.completedFuture(new OffsetFetchResponse(0, groupErrors, groups));
    }
    List<TopicPartition> partitions = request.isAllPartitions() ? null : request.partitions();
    return CompletableFuture.completedFuture(
        new OffsetFetchResponse(0, Errors.NONE, fetch(request.groupId(), partitions)));
  }

  private Map<TopicPartition, PartitionData> fetch(
      String groupId, List<TopicPartition> partitions) {
    Map<TopicPartition, PartitionData> result = new LinkedHashMap<>();
    coordinator
        .fetchOffsets(groupId, partitions)
        .forEach((tp, offset) -> result.put(tp, offset.map(this::toData).orElse(NO_OFFSET)));
    return result;
  }

  private PartitionData toData(CommittedOffset offset) {
    return new PartitionData(
        offset.offset(),
        offset.leaderEpoch() < 0 ? Optional.empty() : Optional.of(offset.leaderEpoch()),
        offset.metadata(),
        Errors.NONE);
  }
}
