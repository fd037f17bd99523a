package io.tributary.connect.file;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the records of its topic partitions to rolling files, exactly once.
 *
 * <p>Each partition has at most one open file, written under a temporary name and completed (forced
 * to disk and atomically renamed to {@code <topic>+<partition>+<first>+<last>.<ext>}) when it
 * reaches {@code flush.size} records or {@code file.max.bytes} bytes, when it is older than {@code
 * rotate.interval.ms} (checked on every {@code put} and {@code preCommit}), or when a CSV record
 * needs another header. {@link #preCommit} reports only offsets of records in completed files (or
 * skipped), so the committed offset never passes a record that is not in a completed file.
 *
 * <p>On {@link #open} (start and rebalance) the task reads the completed files of its partitions,
 * deletes temporary leftovers, seeks each partition to the offset after its last completed file and
 * drops any redelivered record below it. A crash at any point therefore leaves neither a gap
 * (uncompleted records were never committed and are consumed again) nor a duplicate (records in
 * completed files are skipped even when their offsets were not committed). This holds as long as
 * one task at a time writes a partition, which the consumer group guarantees.
 *
 * <p>Threading: called by one worker thread, as every {@link SinkTask}.
 */
public final class FileSinkTask extends SinkTask {
  private static final Logger LOGGER = LoggerFactory.getLogger(FileSinkTask.class);

  private final LongSupplier clock;
  private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
  private FileSinkConfig config;
  private SinkDirectory directory;
  private SinkFileSpec spec;

  public FileSinkTask() {
    this(System::currentTimeMillis);
  }

  /** For tests: {@code clock} gives the wall-clock time in milliseconds. */
  FileSinkTask(LongSupplier clock) {
    this.clock = clock;
  }

  @Override
  public String version() {
    return FileSinkConnector.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    config = new FileSinkConfig(props);
    directory = new SinkDirectory(config.directory());
    spec = new SinkFileSpec(config.format(), config.gzip(), config.avroCodec());
    try {
      directory.create();
    } catch (IOException e) {
      throw new ConnectException("Cannot create the sink directory " + directory.tempDir(), e);
    }
    LOGGER.info(
        "File sink task writing {} files to {}",
        spec.extension(),
        directory.dir().toAbsolutePath());
  }

  @Override
  public void open(Collection<TopicPartition> assigned) {
    resume(new HashSet<>(assigned));
  }

  private void resume(Set<TopicPartition> assigned) {
    try {
      Map<TopicPartition, Long> last = directory.lastCompletedOffsets(assigned);
      for (TopicPartition partition : assigned) {
        discardOpenFile(partitions.remove(partition));
        directory.deleteTemporaryFiles(partition);
        PartitionState state = new PartitionState();
        Long lastOffset = last.get(partition);
        if (lastOffset != null) {
          state.nextOffset = lastOffset + 1;
          context.offset(partition, state.nextOffset);
          LOGGER.info(
              "Resuming topic {} partition {} at offset {}, after its last completed file",
              partition.topic(),
              partition.partition(),
              state.nextOffset);
        }
        partitions.put(partition, state);
      }
    } catch (IOException e) {
      throw new ConnectException("Cannot read the sink directory " + directory.dir(), e);
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    for (SinkRecord record : records) {
      TopicPartition partition =
          new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
      long offset = record.originalKafkaOffset();
      PartitionState state = partitions.get(partition);
      if (state == null) {
        // Not announced by open(): resume it the same way before writing anything.
        resume(Set.of(partition));
        state = partitions.get(partition);
      }
      if (offset < state.nextOffset) {
        continue; // already in a completed file (redelivered after a crash or a rewind)
      }
      if (record.value() == null) {
        if (config.failOnNullValues()) {
          throw new ConnectException(
              "Record of topic "
                  + partition.topic()
                  + " partition "
                  + partition.partition()
                  + " at offset "
                  + offset
                  + " has a null value and "
                  + FileSinkConfig.BEHAVIOR_ON_NULL_VALUES_CONFIG
                  + "=fail; set it to 'ignore' to skip such records");
        }
        state.nextOffset = offset + 1;
        continue;
      }
      write(partition, state, record, offset);
    }
    completeExpiredFiles();
  }

  private void write(
      TopicPartition partition, PartitionState state, SinkRecord record, long offset) {
    try {
      if (state.file != null && !state.file.accepts(record)) {
        complete(state);
      }
      if (state.file == null) {
        state.file =
            SinkOpenFile.create(spec, directory.tempDir(), partition, offset, clock.getAsLong());
      }
      state.file.write(record, offset);
      state.nextOffset = offset + 1;
      if (state.file.records() >= config.flushSize()
          || state.file.bytes() >= config.fileMaxBytes()) {
        complete(state);
      }
    } catch (IOException e) {
      throw new ConnectException(
          "Cannot write the record of topic "
              + partition.topic()
              + " partition "
              + partition.partition()
              + " at offset "
              + offset
              + " under "
              + directory.dir(),
          e);
    }
  }

  private void complete(PartitionState state) throws IOException {
    SinkFileName name = state.file.complete(directory.dir());
    state.file = null;
    LOGGER.debug("Completed {}", name.fileName());
  }

  private void completeExpiredFiles() {
    long interval = config.rotateIntervalMs();
    if (interval < 0) {
      return;
    }
    long now = clock.getAsLong();
    for (Map.Entry<TopicPartition, PartitionState> entry : partitions.entrySet()) {
      PartitionState state = entry.getValue();
      if (state.file != null && now - state.file.openedAtMs() >= interval) {
        try {
          complete(state);
        } catch (IOException e) {
          throw new ConnectException(
              "Cannot complete the file of topic "
                  + entry.getKey().topic()
                  + " partition "
                  + entry.getKey().partition()
                  + " under "
                  + directory.dir(),
              e);
        }
      }
    }
  }

  /**
   * Completes files older than {@code rotate.interval.ms}, then reports, per partition, the offset
   * of the first record not yet in a completed file: records of the open file are not committed.
   */
  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    completeExpiredFiles();
    Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
    for (Map.Entry<TopicPartition, PartitionState> entry : partitions.entrySet()) {
      long offset = entry.getValue().committableOffset();
      if (offset >= 0) {
        committable.put(entry.getKey(), new OffsetAndMetadata(offset));
      }
    }
    return committable;
  }

  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    // Nothing: files are completed by size and time, and preCommit commits only completed ones.
  }

  /** Drops the open files of revoked partitions; their records were never committed. */
  @Override
  public void close(Collection<TopicPartition> revoked) {
    for (TopicPartition partition : revoked) {
      discardOpenFile(partitions.remove(partition));
    }
  }

  @Override
  public void stop() {
    for (Iterator<PartitionState> it = partitions.values().iterator(); it.hasNext(); ) {
      discardOpenFile(it.next());
      it.remove();
    }
  }

  private void discardOpenFile(PartitionState state) {
    if (state == null || state.file == null) {
      return;
    }
    try {
      state.file.discard();
    } catch (IOException e) {
      // The leftover is harmless (deleted on the next open) but worth knowing about.
      LOGGER.warn("Cannot delete a temporary file under {}", directory.tempDir(), e);
    } finally {
      state.file = null;
    }
  }

  /** Per partition: the open file, and the offset after the last record written or skipped. */
  private static final class PartitionState {
    private SinkOpenFile file;
    private long nextOffset = -1;

    long committableOffset() {
      if (file != null) {
        return file.firstOffset();
      }
      return nextOffset;
    }
  }
}
