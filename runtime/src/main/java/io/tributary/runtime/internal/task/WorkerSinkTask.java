package io.tributary.runtime.internal.task;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.config.SinkConnectorConfig;
import io.tributary.runtime.internal.errors.DeadLetterQueueReporter;
import io.tributary.runtime.internal.errors.ErrorHandler;
import io.tributary.runtime.internal.errors.ErrorReporter;
import io.tributary.runtime.internal.errors.LogErrorReporter;
import io.tributary.runtime.internal.errors.Stage;
import io.tributary.runtime.internal.status.TargetState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.health.ConnectorType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SinkTask}: a consumer in group {@code connect-<name>} subscribed to {@code topics}
 * or {@code topics.regex}; each polled batch is converted (key, value, headers), transformed and
 * given to {@code put} (also when empty, as Kafka Connect does, so tasks can flush on time). A
 * {@code RetriableException} from {@code put} keeps the batch, pauses every partition and retries
 * it after {@code context.timeout(ms)}. Offsets of records delivered to {@code put} (and of records
 * skipped under {@code errors.tolerance=all}, once the dead letter queue acknowledged them) are
 * committed to the group every {@code offset.flush.interval.ms}, on {@code requestCommit()}, on
 * rebalance and at stop: what {@code preCommit} returns, with {@code commitSync}.
 *
 * <p>The consumer is used by the task thread only; other threads wake it up.
 */
final class WorkerSinkTask extends AbstractWorkerTask {
  private static final Logger LOGGER = LoggerFactory.getLogger(WorkerSinkTask.class);
  private static final long MAX_POLL_MS = 1_000;

  private final SinkTask task;
  private final Pipeline<SinkRecord> pipeline;
  private final SinkConnectorConfig config;
  private final WorkerServices services;
  private final Map<TopicPartition, OffsetAndMetadata> currentOffsets = new HashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> lastCommitted = new HashMap<>();
  private final List<SinkRecord> batch = new ArrayList<>();
  private final Map<TopicPartition, OffsetAndMetadata> batchOffsets = new HashMap<>();
  private final Set<String> reportedTopics = new HashSet<>();
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private ErrorHandler errors;
  private DeadLetterQueueReporter dlq;
  private WorkerSinkTaskContext context;
  private boolean started;
  private boolean partitionsClosed;
  private boolean pausedForRedelivery;
  private boolean connectorPausedApplied;
  private long nextCommit;

  WorkerSinkTask(
      TaskParts parts,
      SinkTask task,
      Pipeline<SinkRecord> pipeline,
      SinkConnectorConfig config,
      WorkerServices services) {
    super(parts);
    this.task = requireNonNull(task, "task is null");
    this.pipeline = requireNonNull(pipeline, "pipeline is null");
    this.config = requireNonNull(config, "config is null");
    this.services = requireNonNull(services, "services is null");
  }

  @Override
  protected void initializeAndStart() {
    Map<String, String> connectorProps = config.originalsStrings();
    List<ErrorReporter> reporters = new ArrayList<>();
    if (config.errorsLogEnable()) {
      reporters.add(new LogErrorReporter(id, config.errorsLogIncludeMessages()));
    }
    if (!config.dlqTopic().isEmpty()) {
      dlq =
          DeadLetterQueueReporter.create(
              services.clientConfigs().admin(id, connectorProps, ConnectorType.SINK),
              services.clientConfigs().dlqProducer(id, connectorProps),
              config.dlqTopic(),
              config.dlqReplicationFactor(),
              id,
              config.dlqContextHeaders());
      reporters.add(dlq);
    }
    errors = new ErrorHandler(id, parts.errorPolicy(), services.clock(), reporters);
    SinkErrantRecordReporter errant =
        config.errantRecordReporterEnabled()
            ? new SinkErrantRecordReporter(errors, pipeline.converters())
            : null;
    consumer = new KafkaConsumer<>(services.clientConfigs().sinkConsumer(id, connectorProps));
    context = new WorkerSinkTaskContext(parts.taskConfig(), this, errant);
    task.initialize(context);
    task.start(parts.taskConfig());
    started = true;
    Pattern regex = config.topicsRegex();
    RebalanceListener listener = new RebalanceListener();
    if (regex != null) {
      consumer.subscribe(regex, listener);
    } else {
      consumer.subscribe(config.topics(), listener);
    }
    LOGGER.info("Task {} started: sink task {}", id, task.getClass().getName());
    nextCommit = System.currentTimeMillis() + services.offsetFlushIntervalMs();
  }

  @Override
  protected void execute() {
    while (!isStopping()) {
      try {
        iteration();
      } catch (WakeupException e) {
        LOGGER.trace("Task {} woken up", id);
      }
    }
  }

  private void iteration() {
    boolean paused = notePauseState();
    if (paused != connectorPausedApplied) {
      connectorPausedApplied = paused;
      if (paused) {
        consumer.pause(consumer.assignment());
      } else if (!pausedForRedelivery) {
        resumeAllowed(consumer.assignment());
      }
    }
    long now = System.currentTimeMillis();
    if (context.takeCommitRequest() || now >= nextCommit) {
      commitOffsets(currentOffsets.keySet());
      nextCommit = now + services.offsetFlushIntervalMs();
    }
    applySeeks();
    long timeout = Math.max(0, Math.min(nextCommit - now, MAX_POLL_MS));
    long taskTimeout = context.timeoutMs();
    if (taskTimeout > 0) {
      timeout = Math.min(timeout, taskTimeout);
      context.timeout(-1);
    }
    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(timeout));
    if (isStopping()) {
      return;
    }
    if (!pausedForRedelivery && !records.isEmpty()) {
      for (TopicPartition tp : records.partitions()) {
        List<ConsumerRecord<byte[], byte[]>> partitionRecords = records.records(tp);
        if (reportedTopics.add(tp.topic())) {
          parts.topicListener().topicUsed(tp.topic());
        }
        for (ConsumerRecord<byte[], byte[]> record : partitionRecords) {
          convert(record);
        }
        long next = partitionRecords.get(partitionRecords.size() - 1).offset() + 1;
        batchOffsets.put(tp, new OffsetAndMetadata(next));
      }
    }
    deliver();
  }

  private void convert(ConsumerRecord<byte[], byte[]> record) {
    String topic = record.topic();
    Converters converters = pipeline.converters();
    SchemaAndValue key =
        errors.execute(
            Stage.KEY_CONVERTER,
            converters.key().getClass(),
            record,
            () -> converters.key().toConnectData(topic, record.headers(), record.key()));
    if (errors.skipped()) {
      return;
    }
    SchemaAndValue value =
        errors.execute(
            Stage.VALUE_CONVERTER,
            converters.value().getClass(),
            record,
            () -> converters.value().toConnectData(topic, record.headers(), record.value()));
    if (errors.skipped()) {
      return;
    }
    ConnectHeaders headers = new ConnectHeaders();
    for (Header header : record.headers()) {
      SchemaAndValue converted =
          errors.execute(
              Stage.HEADER_CONVERTER,
              converters.header().getClass(),
              record,
              () -> converters.header().toConnectHeader(topic, header.key(), header.value()));
      if (errors.skipped()) {
        return;
      }
      headers.add(header.key(), converted);
    }
    Long timestamp = record.timestamp() == RecordBatch.NO_TIMESTAMP ? null : record.timestamp();
    SinkRecord sinkRecord =
        new InternalSinkRecord(
            record,
            topic,
            record.partition(),
            key == null ? null : key.schema(),
            key == null ? null : key.value(),
            value == null ? null : value.schema(),
            value == null ? null : value.value(),
            timestamp,
            headers);
    SinkRecord transformed = pipeline.transformations().apply(sinkRecord, errors, record);
    if (transformed != null) {
      batch.add(transformed);
    }
  }

  private void deliver() {
    try {
      task.put(new ArrayList<>(batch));
    } catch (RetriableException e) {
      LOGGER.warn(
          "Task {}: put() failed with a retriable exception; pausing and retrying {} record(s): {}",
          id,
          batch.size(),
          e.toString());
      if (!pausedForRedelivery) {
        pausedForRedelivery = true;
        consumer.pause(consumer.assignment());
      }
      return;
    } catch (RuntimeException e) {
      throw new ConnectException(
          "Exiting WorkerSinkTask due to unrecoverable exception in task " + id + " (put)", e);
    }
    currentOffsets.putAll(batchOffsets);
    batch.clear();
    batchOffsets.clear();
    if (pausedForRedelivery) {
      pausedForRedelivery = false;
      if (!isPaused()) {
        resumeAllowed(consumer.assignment());
      }
    }
  }

  private void resumeAllowed(Collection<TopicPartition> partitions) {
    Set<TopicPartition> resume = new HashSet<>(partitions);
    resume.removeAll(context.pausedByTask());
    consumer.resume(resume);
  }

  private void applySeeks() {
    Map<TopicPartition, Long> seeks = context.takeSeeks();
    if (seeks.isEmpty()) {
      return;
    }
    Set<TopicPartition> assigned = consumer.assignment();
    for (Map.Entry<TopicPartition, Long> seek : seeks.entrySet()) {
      TopicPartition tp = seek.getKey();
      if (!assigned.contains(tp)) {
        LOGGER.warn("Task {}: ignoring a seek of unassigned partition {}", id, tp);
        continue;
      }
      LOGGER.debug("Task {}: seeking {} to offset {}", id, tp, seek.getValue());
      consumer.seek(tp, seek.getValue());
      OffsetAndMetadata position = new OffsetAndMetadata(seek.getValue());
      currentOffsets.put(tp, position);
      lastCommitted.put(tp, position);
    }
  }

  /** preCommit, then commitSync of what it returns for these (assigned) partitions. */
  private void commitOffsets(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    if (dlq != null) {
      dlq.flush(); // skipped records are committed only once they are in the dead letter queue
    }
    Map<TopicPartition, OffsetAndMetadata> provided;
    try {
      provided = task.preCommit(new HashMap<>(currentOffsets));
    } catch (RuntimeException e) {
      LOGGER.error("Task {}: preCommit failed; offsets not committed this time", id, e);
      return;
    }
    if (provided == null || provided.isEmpty()) {
      LOGGER.debug("Task {}: skipping offset commit, preCommit returned no offsets", id);
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata offset = provided.get(tp);
      if (offset != null && !offset.equals(lastCommitted.get(tp))) {
        toCommit.put(tp, offset);
      }
    }
    if (toCommit.isEmpty()) {
      return;
    }
    try {
      commitSync(toCommit);
    } catch (WakeupException e) {
      commitSync(toCommit); // a stale wakeup (stop, pause) must not cost the commit
    } catch (KafkaException e) {
      LOGGER.error(
          "Task {}: offset commit of {} failed; it is retried at the next commit", id, toCommit, e);
      return;
    }
    lastCommitted.putAll(toCommit);
    LOGGER.debug("Task {}: committed offsets {}", id, toCommit);
  }

  private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
    consumer.commitSync(offsets);
  }

  Set<TopicPartition> assignment() {
    return consumer.assignment();
  }

  void pausePartitions(Collection<TopicPartition> partitions) {
    if (!isPaused()) {
      consumer.pause(partitions);
    }
  }

  void resumePartitions(Collection<TopicPartition> partitions) {
    if (!isPaused() && !pausedForRedelivery) {
      consumer.resume(partitions);
    }
  }

  @Override
  protected void onTargetStateChange(TargetState state) {
    KafkaConsumer<byte[], byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  @Override
  protected void onStopRequested() {
    ErrorHandler handler = errors;
    if (handler != null) {
      handler.triggerStop();
    }
    KafkaConsumer<byte[], byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  @Override
  protected void close() throws Exception {
    Exception failure = null;
    if (started) {
      partitionsClosed = true;
      if (!isCancelled()) {
        try {
          closePartitions(consumer.assignment(), true);
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      try {
        task.stop();
      } catch (RuntimeException e) {
        failure = add(failure, e);
      }
    }
    if (consumer != null) {
      try {
        consumer.close(isCancelled() ? Duration.ZERO : Duration.ofSeconds(30));
      } catch (RuntimeException e) {
        failure = add(failure, e);
      }
    }
    try {
      if (errors != null) {
        errors.close();
      }
      pipeline.close();
    } catch (RuntimeException e) {
      failure = add(failure, e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Commits the partitions' delivered offsets, then {@code task.close(partitions)}. */
  private void closePartitions(Collection<TopicPartition> partitions, boolean commit) {
    if (partitions.isEmpty()) {
      return;
    }
    Set<TopicPartition> closing = new HashSet<>(partitions);
    if (!batch.isEmpty() || !batchOffsets.isEmpty()) {
      // Undelivered records: dropped here and read again from the delivered position.
      batch.clear();
      batchOffsets.clear();
      pausedForRedelivery = false;
      for (TopicPartition tp : consumer.assignment()) {
        OffsetAndMetadata delivered = currentOffsets.get(tp);
        if (!closing.contains(tp) && delivered != null) {
          consumer.seek(tp, delivered.offset());
        }
      }
    }
    try {
      if (commit) {
        commitOffsets(closing);
      }
    } finally {
      task.close(closing);
      currentOffsets.keySet().removeAll(closing);
      lastCommitted.keySet().removeAll(closing);
    }
  }

  private static Exception add(Exception first, Exception next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  /** Opens and closes partitions in the task as the group rebalances (task thread, in poll). */
  private final class RebalanceListener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      LOGGER.debug("Task {}: assigned {}", id, partitions);
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata position = new OffsetAndMetadata(consumer.position(tp));
        currentOffsets.put(tp, position);
        lastCommitted.put(tp, position);
      }
      if (isPaused() || pausedForRedelivery) {
        consumer.pause(partitions);
      } else {
        Set<TopicPartition> pausedByTask = new HashSet<>(context.pausedByTask());
        pausedByTask.retainAll(partitions);
        consumer.pause(pausedByTask);
      }
      if (!partitions.isEmpty()) {
        task.open(partitions);
        applySeeks();
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      LOGGER.debug("Task {}: revoked {}", id, partitions);
      if (!partitionsClosed && !isCancelled()) {
        closePartitions(partitions, true);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      LOGGER.debug("Task {}: lost {}", id, partitions);
      if (!partitionsClosed) {
        closePartitions(partitions, false);
      }
    }
  }
}
