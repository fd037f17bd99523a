package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.LogReadResult;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.log.TopicInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps committed offsets and group metadata in the internal compacted topic {@code
 * __consumer_offsets} (record layout: {@link GroupRecords}), and replays it on broker start.
 *
 * <p>The topic is created on first use with {@value #PARTITIONS} partition: with a single broker,
 * more partitions would only add files (Kafka spreads groups over 50 partitions to spread
 * coordinators over brokers). If the topic already exists with more partitions, a group lives in
 * partition {@code abs(groupId.hashCode()) % partitions}, as in Kafka. It is created with {@code
 * cleanup.policy=compact} when the log layer knows that setting, else without (the latest record
 * per key wins on replay either way).
 *
 * <p>Crash behaviour: a write is a single record batch appended through {@link PartitionLog}, so it
 * is all-or-nothing; the caller acknowledges (e.g. the OffsetCommit response) only after the append
 * returned, so an acknowledged commit is in the log (and on disk per the flush policy).
 *
 * <p>Thread-safe: appends are serialised by the partition log.
 */
final class GroupStore {
  private static final Logger LOGGER = LoggerFactory.getLogger(GroupStore.class);

  static final String TOPIC = Topic.GROUP_METADATA_TOPIC_NAME;
  static final int PARTITIONS = 1;
  private static final String CLEANUP_POLICY = "cleanup.policy";
  private static final int REPLAY_READ_BYTES = 1024 * 1024;

  private final LogManager logs;
  private final Clock clock;

  /** Told about each record while replaying, oldest first. */
  interface ReplayVisitor {
    /** An offset commit, or its deletion when {@code offset} is null. */
    void offset(String groupId, TopicPartition partition, CommittedOffset offset);

    /** Group metadata, or the group's deletion when {@code group} is null. */
    void group(String groupId, GroupRecords.StoredGroup group);
  }

  GroupStore(LogManager logs, Clock clock) {
    this.logs = requireNonNull(logs, "logs is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Creates the topic if it does not exist yet. */
  synchronized TopicInfo ensureTopic() {
    Optional<TopicInfo> existing = logs.topic(TOPIC);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      try {
        return logs.createTopic(TOPIC, PARTITIONS, Map.of(CLEANUP_POLICY, "compact"));
      } catch (ConfigException e) {
        LOGGER.info(
            "The log does not support {} yet ({}); creating {} without compaction",
            CLEANUP_POLICY,
            e.getMessage(),
            TOPIC);
        return logs.createTopic(TOPIC, PARTITIONS, Map.of());
      }
    } catch (TopicExistsException e) {
      return logs.topic(TOPIC).orElseThrow(() -> e);
    }
  }

  private PartitionLog partitionFor(String groupId) {
    TopicInfo topic = ensureTopic();
    TopicPartition tp =
        new TopicPartition(TOPIC, Utils.abs(groupId.hashCode()) % topic.partitions());
    return logs.log(tp)
        .orElseThrow(() -> new IllegalStateException("The log of " + tp + " is not open"));
  }

  /** Appends offset commits of one group as one batch. */
  void writeOffsets(String groupId, Map<TopicPartition, CommittedOffset> offsets) {
    List<SimpleRecord> records = new ArrayList<>();
    offsets.forEach(
        (tp, offset) ->
            records.add(
                record(GroupRecords.offsetKey(groupId, tp), GroupRecords.offsetValue(offset))));
    append(groupId, records);
  }

  /** Appends tombstones for offsets of one group as one batch. */
  void deleteOffsets(String groupId, Collection<TopicPartition> partitions) {
    List<SimpleRecord> records = new ArrayList<>();
    partitions.forEach(tp -> records.add(record(GroupRecords.offsetKey(groupId, tp), null)));
    append(groupId, records);
  }

  /** Appends a group's metadata. */
  void writeGroup(String groupId, GroupRecords.StoredGroup group) {
    append(
        groupId, List.of(record(GroupRecords.groupKey(groupId), GroupRecords.groupValue(group))));
  }

  /** Appends tombstones for a group and all its offsets as one batch. */
  void deleteGroup(String groupId, Collection<TopicPartition> offsets) {
    List<SimpleRecord> records = new ArrayList<>();
    offsets.forEach(tp -> records.add(record(GroupRecords.offsetKey(groupId, tp), null)));
    records.add(record(GroupRecords.groupKey(groupId), null));
    append(groupId, records);
  }

  private SimpleRecord record(byte[] key, byte[] value) {
    return new SimpleRecord(clock.millis(), key, value);
  }

  private void append(String groupId, List<SimpleRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    PartitionLog log = partitionFor(groupId);
    log.append(
        MemoryRecords.withRecords(Compression.NONE, records.toArray(new SimpleRecord[0])),
        TimestampType.CREATE_TIME);
    logs.notifyAppended(log.topicPartition());
  }

  /** Reads every record of the topic (if it exists), oldest first. */
  void replay(ReplayVisitor visitor) {
    Optional<TopicInfo> topic = logs.topic(TOPIC);
    if (topic.isEmpty()) {
      return;
    }
    long records = 0;
    for (int p = 0; p < topic.get().partitions(); p++) {
      TopicPartition tp = new TopicPartition(TOPIC, p);
      PartitionLog log =
          logs.log(tp).orElseThrow(() -> new IllegalStateException("No log for " + tp));
      long offset = log.logStartOffset();
      long end = log.logEndOffset();
      while (offset < end) {
        LogReadResult read = log.read(offset, REPLAY_READ_BYTES, true);
        long before = offset;
        for (RecordBatch batch : read.records().batches()) {
          if (!batch.isControlBatch()) {
            for (Record record : batch) {
              if (record.offset() >= offset) {
                apply(record, visitor);
                records++;
              }
            }
          }
          offset = Math.max(offset, batch.nextOffset());
        }
        if (offset == before) {
          throw new IllegalStateException(
              "Replaying "
                  + tp
                  + " made no progress at offset "
                  + offset
                  + " (log end "
                  + end
                  + ")");
        }
      }
    }
    LOGGER.info("Replayed {} records of {}", records, TOPIC);
  }

  private static void apply(Record record, ReplayVisitor visitor) {
    if (!record.hasKey()) {
      throw new IllegalStateException(
          "A record without key at offset " + record.offset() + " of " + TOPIC);
    }
    GroupRecords.Key key = GroupRecords.readKey(record.key());
    if (key.type() == GroupRecords.OFFSET_KEY) {
      visitor.offset(
          key.groupId(),
          key.partition(),
          record.hasValue() ? GroupRecords.readOffsetValue(record.value()) : null);
    } else {
      visitor.group(
          key.groupId(), record.hasValue() ? GroupRecords.readGroupValue(record.value()) : null);
    }
  }
}
