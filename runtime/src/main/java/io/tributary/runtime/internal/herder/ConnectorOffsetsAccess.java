package io.tributary.runtime.internal.herder;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.storage.OffsetStore;
import io.tributary.runtime.internal.worker.Worker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * The {@code /connectors/{name}/offsets} operations: source offsets in the {@link OffsetStore},
 * sink offsets in the connector's consumer group. Before offsets change, the (stopped) connector is
 * asked through {@code alterOffsets}, as KIP-875 has it; a connector that refuses (throws) leaves
 * the offsets unchanged.
 */
final class ConnectorOffsetsAccess {
  private final OffsetStore offsets;
  private final SinkOffsets sinks;
  private final Worker worker;

  ConnectorOffsetsAccess(HerderContext context) {
    requireNonNull(context, "context is null");
    this.offsets = context.stores().offsets();
    this.sinks = new SinkOffsets(context.admin(), HerderContext.ADMIN_TIMEOUT);
    this.worker = context.worker();
  }

  List<ConnectorOffset> read(String connector, boolean sink) {
    if (sink) {
      return sinks.read(connector);
    }
    List<ConnectorOffset> result = new ArrayList<>();
    offsets
        .all(connector)
        .forEach((partition, offset) -> result.add(new ConnectorOffset(partition, offset)));
    return result;
  }

  String alter(
      String connector, Map<String, String> config, boolean sink, List<ConnectorOffset> changes) {
    boolean connectorManaged;
    if (sink) {
      Map<TopicPartition, Long> byPartition = new HashMap<>();
      for (ConnectorOffset change : changes) {
        // Validated (and turned into a TopicPartition) again by SinkOffsets.alter.
        Object topic = change.partition().get(SinkOffsets.TOPIC_KEY);
        Object partition = change.partition().get(SinkOffsets.PARTITION_KEY);
        Object offset =
            change.offset() == null ? null : change.offset().get(SinkOffsets.OFFSET_KEY);
        if (topic instanceof String name && partition instanceof Number index) {
          byPartition.put(
              new TopicPartition(name, index.intValue()),
              offset instanceof Number number ? number.longValue() : null);
        }
      }
      connectorManaged =
          worker.callConnector(
              connector, c -> ((SinkConnector) c).alterOffsets(config, byPartition));
      sinks.alter(connector, changes);
    } else {
      Map<Map<String, ?>, Map<String, ?>> byPartition = new LinkedHashMap<>();
      Map<Map<String, Object>, Map<String, Object>> toStore = new LinkedHashMap<>();
      for (ConnectorOffset change : changes) {
        byPartition.put(change.partition(), change.offset());
        toStore.put(change.partition(), change.offset());
      }
      connectorManaged =
          worker.callConnector(
              connector, c -> ((SourceConnector) c).alterOffsets(config, byPartition));
      offsets.put(connector, toStore);
    }
    return connectorManaged
        ? "The offsets of connector " + connector + " were altered."
        : "The offsets that Tributary keeps for connector "
            + connector
            + " were altered. If the connector also keeps offsets in its external system, alter"
            + " them there too.";
  }

  String reset(String connector, Map<String, String> config, boolean sink) {
    boolean connectorManaged;
    if (sink) {
      Map<TopicPartition, Long> all = new HashMap<>();
      for (ConnectorOffset offset : sinks.read(connector)) {
        all.put(
            new TopicPartition(
                (String) offset.partition().get(SinkOffsets.TOPIC_KEY),
                ((Number) offset.partition().get(SinkOffsets.PARTITION_KEY)).intValue()),
            null);
      }
      connectorManaged =
          worker.callConnector(connector, c -> ((SinkConnector) c).alterOffsets(config, all));
      sinks.reset(connector);
    } else {
      Map<Map<String, ?>, Map<String, ?>> all = new HashMap<>();
      offsets.all(connector).keySet().forEach(partition -> all.put(partition, null));
      connectorManaged =
          worker.callConnector(connector, c -> ((SourceConnector) c).alterOffsets(config, all));
      offsets.remove(connector);
    }
    return connectorManaged
        ? "The offsets of connector " + connector + " were reset."
        : "The offsets that Tributary keeps for connector "
            + connector
            + " were reset. If the connector also keeps offsets in its external system, reset"
            + " them there too.";
  }
}
