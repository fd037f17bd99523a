package io.tributary.runtime.internal.herder;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One entry of {@code GET|PATCH /connectors/{name}/offsets}: a partition and its offset. For
 * sources, the connector's own maps; for sinks, {@code {"kafka_topic", "kafka_partition"}} and
 * {@code {"kafka_offset"}}. A null offset (PATCH only) removes the partition's offset.
 */
public record ConnectorOffset(Map<String, Object> partition, Map<String, Object> offset) {
  public ConnectorOffset {
    requireNonNull(partition, "partition is null");
  }
}
