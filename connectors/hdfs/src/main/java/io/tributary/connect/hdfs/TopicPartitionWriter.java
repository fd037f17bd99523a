package io.tributary.connect.hdfs;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.hdfs.HdfsStorage.CommittedPath;
import io.tributary.connect.hdfs.HdfsStorage.PendingRename;
import io.tributary.connect.hdfs.format.RecordFileWriter;
import io.tributary.connect.hdfs.format.RecordFormat;
import io.tributary.connect.hdfs.partition.Partitioner;
import io.tributary.connect.hdfs.partition.TimeBasedPartitioner;
import io.tributary.connect.hdfs.schema.CommittedFileSchema;
import io.tributary.connect.hdfs.schema.SchemaCompatibility;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one topic partition: one open temporary file per partition path, all committed
 * together (so that the highest last offset among the committed files always marks the end of what
 * is durably written), when the partition reaches {@code flush.size} records, a file reaches {@code
 * file.max.bytes}, a record is {@code rotate.interval.ms} later than the first one, the {@code
 * rotate.schedule.interval.ms} deadline passes, or the value schema changes as {@code
 * schema.compatibility} decides.
 *
 * <p>Offsets: {@link #nextOffset()} is the offset after the last record written or skipped; records
 * below it are redeliveries and are dropped. {@link #committedOffset()} is the offset after the
 * last record in a committed file (or skipped with nothing open): the only offset safe to commit to
 * Kafka.
 *
 * <p>Every {@link IOException} is thrown to the caller, which {@link #discard}s the open files and
 * {@link #recover}s later. Not thread-safe: owned by the task thread.
 */
final class TopicPartitionWriter {
  private static final Logger LOGGER = LoggerFactory.getLogger(TopicPartitionWriter.class);
  private static final CommittedFileSchema COMMITTED_FILE_SCHEMA = new CommittedFileSchema();

  private final TopicPartition tp;
  private final HdfsStorage storage;
  private final RecordFormat format;
  private final Partitioner partitioner;
  private final SchemaCompatibility compatibility;
  private final WriterSettings settings;
  private final Map<String, OpenFile> open = new LinkedHashMap<>();
  private long nextOffset = -1;
  private long committedOffset = -1;
  private int records;
  private long firstTimestamp = -1;
  private long scheduledCommitMs = Long.MAX_VALUE;
  private Schema currentSchema;
  private boolean schemaKnown;

  TopicPartitionWriter(
      TopicPartition tp,
      HdfsStorage storage,
      RecordFormat format,
      Partitioner partitioner,
      SchemaCompatibility compatibility,
      WriterSettings settings) {
    this.tp = requireNonNull(tp, "tp is null");
    this.storage = requireNonNull(storage, "storage is null");
    this.format = requireNonNull(format, "format is null");
    this.partitioner = requireNonNull(partitioner, "partitioner is null");
    this.compatibility = requireNonNull(compatibility, "compatibility is null");
    this.settings = requireNonNull(settings, "settings is null");
  }

  /**
   * Recovers from the file system (see {@link HdfsStorage#recover}) and returns the offset to seek
   * the consumer to: after the last committed file, else the last offset known to be committed,
   * else empty (the consumer's own position is right).
   */
  Optional<Long> recover() throws IOException {
    Optional<CommittedPath> latest = storage.recoverLatest(tp);
    if (latest.isPresent()) {
      nextOffset = latest.get().file().lastOffset() + 1;
      committedOffset = nextOffset;
      if (compatibility != SchemaCompatibility.NONE && !schemaKnown) {
        // Resume with the schema of the newest file, so that a late record with another version
        // is projected as it would have been before the restart.
        currentSchema = COMMITTED_FILE_SCHEMA.read(storage.fileSystem(), latest.get().path());
        schemaKnown = currentSchema != null;
      }
    } else {
      nextOffset = committedOffset;
    }
    return nextOffset >= 0 ? Optional.of(nextOffset) : Optional.empty();
  }

  long nextOffset() {
    return nextOffset;
  }

  /** The offset after the last record in a committed file; -1 when unknown. */
  long committedOffset() {
    return committedOffset;
  }

  boolean hasOpenFiles() {
    return !open.isEmpty();
  }

  /** Writes a record (redeliveries below {@link #nextOffset()} are dropped). */
  void write(SinkRecord record, long nowMs) throws IOException {
    long offset = record.originalKafkaOffset();
    if (offset < nextOffset) {
      return;
    }
    if (committedOffset < 0) {
      committedOffset = offset; // the consumer started here: nothing before it is ours
    }
    if (record.value() == null) {
      if (settings.failOnNullValues()) {
        throw new ConnectException(
            "Record of topic "
                + tp.topic()
                + " partition "
                + tp.partition()
                + " at offset "
                + offset
                + " has a null value and "
                + HdfsSinkConfig.BEHAVIOR_ON_NULL_VALUES_CONFIG
                + "=fail; set it to 'ignore' to skip such records");
      }
      nextOffset = offset + 1;
      if (open.isEmpty()) {
        committedOffset = nextOffset;
      }
      return;
    }
    SinkRecord toWrite = adaptSchema(record);
    Long timestamp = recordTime(record, nowMs);
    if (!open.isEmpty()
        && settings.rotateIntervalMs() > 0
        && timestamp != null
        && firstTimestamp >= 0
        && timestamp - firstTimestamp >= settings.rotateIntervalMs()) {
      commit("rotate.interval.ms");
    }
    String path = partitioner.encodePartition(toWrite, nowMs);
    OpenFile file = open.get(path);
    if (file == null) {
      file = openFile(path, offset, nowMs);
    }
    if (firstTimestamp < 0 && timestamp != null) {
      firstTimestamp = timestamp;
    }
    file.writer.write(toWrite);
    file.lastOffset = offset;
    records++;
    nextOffset = offset + 1;
    if (records >= settings.flushSize()) {
      commit("flush.size");
    } else if (settings.fileMaxBytes() > 0
        && file.writer.bytesWritten() >= settings.fileMaxBytes()) {
      commit("file.max.bytes");
    }
  }

  /**
   * The record time {@code rotate.interval.ms} measures: the time-based partitioner's {@code
   * timestamp.extractor} when there is one (as in Confluent's connector), else the record's
   * timestamp (null when it has none: such records do not rotate).
   */
  private Long recordTime(SinkRecord record, long nowMs) {
    if (settings.rotateIntervalMs() <= 0) {
      return null;
    }
    if (partitioner instanceof TimeBasedPartitioner timeBased) {
      return timeBased.timestampExtractor().extract(record, nowMs);
    }
    return record.timestamp();
  }

  private SinkRecord adaptSchema(SinkRecord record) throws IOException {
    Schema incoming = record.valueSchema();
    if (!schemaKnown) {
      currentSchema = incoming;
      schemaKnown = true;
      return record;
    }
    if (compatibility.shouldChangeSchema(incoming, currentSchema)) {
      if (!open.isEmpty()) {
        commit(SchemaCompatibility.CONFIG);
      }
      currentSchema = incoming;
      return record;
    }
    return compatibility.project(record, currentSchema);
  }

  private OpenFile openFile(String path, long offset, long nowMs) throws IOException {
    if (open.isEmpty()) {
      storage.prepareTempDir(tp);
      long interval = settings.rotateScheduleIntervalMs();
      scheduledCommitMs = interval > 0 ? (nowMs / interval + 1) * interval : Long.MAX_VALUE;
    }
    Path temp = storage.newTempFile(tp, offset, format.extension());
    RecordFileWriter writer = format.open(storage.fileSystem(), temp, currentSchema);
    OpenFile file = new OpenFile(temp, writer, offset);
    open.put(path, file);
    return file;
  }

  /** Commits the open files if the {@code rotate.schedule.interval.ms} deadline has passed. */
  void commitIfScheduled(long nowMs) throws IOException {
    if (!open.isEmpty() && nowMs >= scheduledCommitMs) {
      commit("rotate.schedule.interval.ms");
    }
  }

  /** Closes (making durable) and commits every open file by rename. */
  void commit(String reason) throws IOException {
    if (open.isEmpty()) {
      return;
    }
    List<PendingRename> renames = new ArrayList<>(open.size());
    for (Map.Entry<String, OpenFile> entry : open.entrySet()) {
      OpenFile file = entry.getValue();
      file.writer.close();
      file.closed = true;
      CommittedFile name =
          new CommittedFile(tp, file.firstOffset, file.lastOffset, format.extension());
      renames.add(
          new PendingRename(
              file.temp, storage.committedPath(entry.getKey(), name, settings.padWidth())));
    }
    storage.commit(tp, renames);
    open.clear();
    records = 0;
    firstTimestamp = -1;
    scheduledCommitMs = Long.MAX_VALUE;
    committedOffset = nextOffset;
    if (LOGGER.isDebugEnabled()) {
      LOGGER.debug("Committed {} file(s) of {} ({}): {}", renames.size(), tp, reason, renames);
    }
  }

  /**
   * Drops the open files (closing and deleting them, best effort: leftovers are deleted on the next
   * recovery) and rewinds {@link #nextOffset()} to {@link #committedOffset()}.
   */
  void discard() {
    for (OpenFile file : open.values()) {
      if (!file.closed) {
        try {
          file.writer.close();
        } catch (IOException | RuntimeException e) {
          LOGGER.debug("Closing a discarded file {} failed", file.temp, e);
        }
      }
      try {
        storage.deleteTemp(file.temp);
      } catch (IOException | RuntimeException e) {
        LOGGER.debug("Deleting a discarded file {} failed; recovery deletes it", file.temp, e);
      }
    }
    open.clear();
    records = 0;
    firstTimestamp = -1;
    scheduledCommitMs = Long.MAX_VALUE;
    nextOffset = committedOffset;
  }

  /** One temporary file being written. */
  private static final class OpenFile {
    private final Path temp;
    private final RecordFileWriter writer;
    private final long firstOffset;
    private long lastOffset;
    private boolean closed;

    OpenFile(Path temp, RecordFileWriter writer, long firstOffset) {
      this.temp = temp;
      this.writer = writer;
      this.firstOffset = firstOffset;
      this.lastOffset = firstOffset;
    }
  }
}
