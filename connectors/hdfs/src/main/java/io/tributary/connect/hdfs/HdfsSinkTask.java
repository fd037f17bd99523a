package io.tributary.connect.hdfs;

import io.tributary.connect.hdfs.format.Formats;
import io.tributary.connect.hdfs.format.RecordFormat;
import io.tributary.connect.hdfs.partition.Partitioner;
import io.tributary.connect.hdfs.partition.Partitioners;
import io.tributary.connect.hdfs.schema.SchemaCompatibility;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the records of its topic partitions to files on a Hadoop file system, exactly once.
 *
 * <p>Each partition has a {@link TopicPartitionWriter}: temporary files under {@code
 * <topics.dir>/+tmp}, committed by atomic rename to names carrying the first and last offsets.
 * {@link #preCommit} reports only offsets of records in committed files. On {@link #open} (start
 * and rebalance) each partition is recovered: an interrupted multi-file commit is finished,
 * temporary leftovers are deleted and the consumer is sought to the offset after the last committed
 * record; redelivered records below it are dropped. A crash at any point, including between a
 * rename and the offset commit, therefore leaves neither a gap nor a duplicate, as long as one task
 * at a time writes a partition (which the consumer group guarantees).
 *
 * <p>File system failures: the partition's open files are discarded, the partition is paused and
 * recovered again every {@code retry.backoff.ms} (from {@code put}, which the worker calls even
 * without records); once recovered it is sought back to its last committed record and resumed.
 * After {@code retry.timeout.ms} of failures the task fails with an error naming {@code hdfs.url}.
 *
 * <p>Threading: called by one worker thread, as every {@link SinkTask}; a daemon thread renews the
 * Kerberos login when Kerberos is on.
 */
public final class HdfsSinkTask extends SinkTask {
  private static final Logger LOGGER = LoggerFactory.getLogger(HdfsSinkTask.class);

  private final LongSupplier clock;
  private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
  private HdfsSinkConfig config;
  private HdfsStorage storage;
  private RecordFormat format;
  private Partitioner partitioner;
  private SchemaCompatibility compatibility;
  private WriterSettings settings;
  private ScheduledExecutorService renewer;

  public HdfsSinkTask() {
    this(System::currentTimeMillis);
  }

  /** For tests: {@code clock} gives the wall-clock time in milliseconds. */
  HdfsSinkTask(LongSupplier clock) {
    this.clock = clock;
  }

  @Override
  public String version() {
    return HdfsSinkConnector.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    config = new HdfsSinkConfig(props);
    settings = config.writerSettings();
    format = Formats.create(config);
    partitioner = Partitioners.create(config);
    compatibility = config.schemaCompatibility();
    Configuration conf = HadoopFileSystems.configuration(config);
    UserGroupInformation ugi = HadoopFileSystems.login(config, conf);
    if (ugi != null) {
      renewer =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "hdfs-sink-kerberos-renewer");
                thread.setDaemon(true);
                return thread;
              });
      long period = config.getLong(HdfsSinkConfig.TICKET_RENEW_CONFIG);
      renewer.scheduleAtFixedRate(() -> renew(ugi), period, period, TimeUnit.MILLISECONDS);
    }
    try {
      storage = HadoopFileSystems.open(config, conf, ugi);
    } catch (IOException e) {
      throw new ConnectException(
          "Cannot open the file system " + HdfsSinkConfig.HDFS_URL_CONFIG + "=" + config.url(), e);
    }
    LOGGER.info("HDFS sink task writing {} files under {}", format.name(), storage.topicsDir());
  }

  private static void renew(UserGroupInformation ugi) {
    try {
      ugi.checkTGTAndReloginFromKeytab();
    } catch (IOException | RuntimeException e) {
      LOGGER.error("Renewing the Kerberos login of {} failed; retried next period", ugi, e);
    }
  }

  @Override
  public void open(Collection<TopicPartition> assigned) {
    long now = clock.getAsLong();
    for (TopicPartition tp : assigned) {
      PartitionState previous = partitions.remove(tp);
      if (previous != null) {
        previous.writer.discard();
      }
      PartitionState state =
          new PartitionState(
              new TopicPartitionWriter(tp, storage, format, partitioner, compatibility, settings));
      partitions.put(tp, state);
      recover(tp, state, now);
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    long now = clock.getAsLong();
    retryFailedPartitions(now);
    for (SinkRecord record : records) {
      TopicPartition tp =
          new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
      PartitionState state = partitions.get(tp);
      if (state == null) {
        open(java.util.List.of(tp)); // not announced by open(): recover it the same way first
        state = partitions.get(tp);
      }
      if (state.failingSinceMs >= 0) {
        state.dropped(record.originalKafkaOffset());
        continue; // sought back to its last committed record once the file system is back
      }
      try {
        state.writer.write(record, now);
      } catch (IOException e) {
        failed(tp, state, e, now);
        state.dropped(record.originalKafkaOffset());
      }
    }
    commitScheduled(now);
    scheduleNextAttempt(now);
  }

  /**
   * While a partition waits for its next attempt, asks the worker to call {@code put} again by
   * then: Apache Kafka Connect otherwise waits for the next offset commit before polling again.
   */
  private void scheduleNextAttempt(long now) {
    long next = Long.MAX_VALUE;
    for (PartitionState state : partitions.values()) {
      if (state.failingSinceMs >= 0) {
        next = Math.min(next, state.nextAttemptMs);
      }
    }
    if (next != Long.MAX_VALUE) {
      context.timeout(Math.max(1, next - now));
    }
  }

  private void commitScheduled(long now) {
    for (Map.Entry<TopicPartition, PartitionState> entry : partitions.entrySet()) {
      PartitionState state = entry.getValue();
      if (state.failingSinceMs < 0) {
        try {
          state.writer.commitIfScheduled(now);
        } catch (IOException e) {
          failed(entry.getKey(), state, e, now);
        }
      }
    }
  }

  private void retryFailedPartitions(long now) {
    for (Map.Entry<TopicPartition, PartitionState> entry : partitions.entrySet()) {
      PartitionState state = entry.getValue();
      if (state.failingSinceMs >= 0 && now >= state.nextAttemptMs) {
        recover(entry.getKey(), state, now);
      }
    }
  }

  private void recover(TopicPartition tp, PartitionState state, long now) {
    Optional<Long> seek;
    try {
      seek = state.writer.recover();
    } catch (IOException e) {
      failed(tp, state, e, now);
      return;
    }
    long target = seek.orElse(state.lowestDropped);
    if (target >= 0) {
      context.offset(tp, target);
      LOGGER.info(
          "Topic {} partition {} resumes at offset {}, after its last committed file",
          tp.topic(),
          tp.partition(),
          target);
    }
    if (state.failingSinceMs >= 0) {
      LOGGER.info(
          "The file system {} is reachable again for {} after {} ms",
          config.url(),
          tp,
          now - state.failingSinceMs);
      state.failingSinceMs = -1;
      state.lowestDropped = -1;
      context.resume(tp);
    }
  }

  private void failed(TopicPartition tp, PartitionState state, IOException e, long now) {
    state.writer.discard();
    boolean first = state.failingSinceMs < 0;
    if (first) {
      state.failingSinceMs = now;
      context.pause(tp);
    }
    long failingFor = now - state.failingSinceMs;
    if (failingFor >= config.retryTimeoutMs()) {
      throw new ConnectException(
          "Cannot write "
              + tp
              + " to the file system "
              + HdfsSinkConfig.HDFS_URL_CONFIG
              + "="
              + config.url()
              + ": still failing after "
              + failingFor
              + " ms ("
              + HdfsSinkConfig.RETRY_TIMEOUT_MS_CONFIG
              + "="
              + config.retryTimeoutMs()
              + "); check that the NameNode is up and reachable, then restart the task",
          e);
    }
    state.nextAttemptMs = now + config.retryBackoffMs();
    context.timeout(config.retryBackoffMs());
    LOGGER.warn(
        "File system {} failed for {} ({}); open files discarded, retrying in {} ms",
        config.url(),
        tp,
        e.toString(),
        config.retryBackoffMs());
  }

  /**
   * Commits files whose {@code rotate.schedule.interval.ms} deadline passed, then reports, per
   * partition, the offset after its last committed record.
   */
  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    long now = clock.getAsLong();
    retryFailedPartitions(now);
    commitScheduled(now);
    Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
    for (Map.Entry<TopicPartition, PartitionState> entry : partitions.entrySet()) {
      long offset = entry.getValue().writer.committedOffset();
      if (offset >= 0) {
        committable.put(entry.getKey(), new OffsetAndMetadata(offset));
      }
    }
    return committable;
  }

  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    // Nothing: files are committed by the rotation rules, and preCommit reports only those.
  }

  /** Drops the open files of revoked partitions; their records were never committed. */
  @Override
  public void close(Collection<TopicPartition> revoked) {
    for (TopicPartition tp : revoked) {
      PartitionState state = partitions.remove(tp);
      if (state != null) {
        state.writer.discard();
      }
    }
  }

  @Override
  public void stop() {
    for (PartitionState state : partitions.values()) {
      state.writer.discard();
    }
    partitions.clear();
    if (renewer != null) {
      renewer.shutdownNow();
    }
    if (storage != null) {
      try {
        storage.fileSystem().close();
      } catch (IOException e) {
        LOGGER.warn("Closing the file system {} failed", config.url(), e);
      }
    }
  }

  /** A partition's writer and its file system failure, if any. */
  private static final class PartitionState {
    private final TopicPartitionWriter writer;
    private long failingSinceMs = -1;
    private long nextAttemptMs;
    private long lowestDropped = -1;

    PartitionState(TopicPartitionWriter writer) {
      this.writer = writer;
    }

    void dropped(long offset) {
      if (lowestDropped < 0 || offset < lowestDropped) {
        lowestDropped = offset;
      }
    }
  }
}
