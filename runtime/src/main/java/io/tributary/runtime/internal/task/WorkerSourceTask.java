package io.tributary.runtime.internal.task;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.config.SourceConnectorConfig;
import io.tributary.runtime.internal.errors.ErrorHandler;
import io.tributary.runtime.internal.errors.ErrorReporter;
import io.tributary.runtime.internal.errors.LogErrorReporter;
import io.tributary.runtime.internal.errors.Stage;
import io.tributary.runtime.internal.errors.ToleranceType;
import io.tributary.runtime.internal.storage.StoreOffsetReader;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.health.ConnectorType;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SourceTask}: poll, transformations, converters, then {@code producer.send}; {@code
 * commitRecord} once each record is acknowledged (with null metadata for records dropped by a
 * transformation or skipped after a tolerated error). Source offsets of acknowledged records (see
 * {@link SubmittedRecords}) go to the offset store every {@code offset.flush.interval.ms} and at
 * stop, followed by {@code task.commit()}.
 *
 * <p>Back-pressure: {@code send} blocks while the producer's buffer is full, so the task stops
 * polling. A failed send fails the task unless {@code errors.tolerance=all}, which skips the
 * record. Threads: {@link #run} on the worker's task thread; producer callbacks on the producer's
 * I/O thread.
 */
final class WorkerSourceTask extends AbstractWorkerTask {
  private static final Logger LOGGER = LoggerFactory.getLogger(WorkerSourceTask.class);
  private static final long SEND_RETRY_BACKOFF_MS = 100;

  private final SourceTask task;
  private final Pipeline<SourceRecord> pipeline;
  private final SourceConnectorConfig config;
  private final WorkerServices services;
  private final ErrorHandler errors;
  private final SubmittedRecords submitted = new SubmittedRecords();
  private final AtomicReference<Throwable> sendFailure = new AtomicReference<>();
  private final Set<String> reportedTopics = new HashSet<>();
  private String lastTopic; // the last record's topic, already reported
  private volatile Producer<byte[], byte[]> producer;
  private volatile Admin admin;
  private TopicCreator topicCreator;
  private boolean started; // guarded by this
  private boolean taskStopped; // guarded by this
  private List<SourceRecord> toSend;
  private long nextCommit;

  WorkerSourceTask(
      TaskParts parts,
      SourceTask task,
      Pipeline<SourceRecord> pipeline,
      SourceConnectorConfig config,
      WorkerServices services) {
    super(parts);
    this.task = requireNonNull(task, "task is null");
    this.pipeline = requireNonNull(pipeline, "pipeline is null");
    this.config = requireNonNull(config, "config is null");
    this.services = requireNonNull(services, "services is null");
    List<ErrorReporter> reporters =
        config.errorsLogEnable()
            ? List.of(new LogErrorReporter(id, config.errorsLogIncludeMessages()))
            : List.of();
    this.errors = new ErrorHandler(id, parts.errorPolicy(), services.clock(), reporters);
  }

  @Override
  protected void initializeAndStart() {
    Map<String, String> connectorProps = config.originalsStrings();
    producer = new KafkaProducer<>(services.clientConfigs().sourceProducer(id, connectorProps));
    if (config.topicCreation()) {
      admin =
          Admin.create(services.clientConfigs().admin(id, connectorProps, ConnectorType.SOURCE));
      topicCreator = new TopicCreator(id, admin, config.topicCreationGroups());
    }
    OffsetStorageReader reader = new StoreOffsetReader(services.offsetStore(), id.connector());
    task.initialize(new Context(parts.taskConfig(), reader));
    task.start(parts.taskConfig());
    synchronized (this) {
      started = true;
      if (isStopping()) {
        tryStopTask();
      }
    }
    LOGGER.info("Task {} started: source task {}", id, task.getClass().getName());
    nextCommit = System.currentTimeMillis() + services.offsetFlushIntervalMs();
  }

  @Override
  protected void execute() throws InterruptedException {
    while (!isStopping()) {
      if (notePauseState()) {
        commitOffsets(false);
        if (!awaitUnpause()) {
          break;
        }
        continue;
      }
      checkSendFailure();
      if (System.currentTimeMillis() >= nextCommit) {
        commitOffsets(false);
        nextCommit = System.currentTimeMillis() + services.offsetFlushIntervalMs();
      }
      if (toSend == null) {
        toSend = poll();
        if (toSend == null || toSend.isEmpty()) {
          toSend = null;
          continue;
        }
      }
      if (!sendRecords()) {
        Thread.sleep(SEND_RETRY_BACKOFF_MS);
      }
    }
  }

  private List<SourceRecord> poll() throws InterruptedException {
    try {
      return task.poll();
    } catch (RetriableException | org.apache.kafka.common.errors.RetriableException e) {
      LOGGER.warn("Task {}: retriable failure in poll(), will retry: {}", id, e.toString());
      return null;
    }
  }

  private void checkSendFailure() {
    Throwable failure = sendFailure.get();
    if (failure != null) {
      throw new ConnectException(
          "Unrecoverable exception from producer send callback in task " + id, failure);
    }
  }

  /** Sends {@link #toSend}; false when a send must be retried later (the rest is kept). */
  private boolean sendRecords() {
    List<SourceRecord> records = toSend;
    int processed = 0;
    for (SourceRecord original : records) {
      if (isStopping() && isCancelled()) {
        return true;
      }
      ProducerRecord<byte[], byte[]> producerRecord = convert(original);
      if (producerRecord == null) {
        submitted.submit(original.sourcePartition(), original.sourceOffset()).ack();
        commitTaskRecord(original, null);
        processed++;
        continue;
      }
      String topic = producerRecord.topic();
      if (topicCreator != null) {
        topicCreator.ensure(topic);
      }
      if (!topic.equals(lastTopic)) {
        if (reportedTopics.add(topic)) {
          parts.topicListener().topicUsed(topic);
        }
        lastTopic = topic;
      }
      SubmittedRecords.Submitted handle =
          submitted.submit(original.sourcePartition(), original.sourceOffset());
      try {
        producer.send(
            producerRecord,
            (metadata, exception) -> {
              if (exception == null) {
                handle.ack();
                commitTaskRecord(original, metadata);
              } else {
                onSendFailed(original, handle, exception);
              }
            });
      } catch (RetriableException | org.apache.kafka.common.errors.RetriableException e) {
        LOGGER.warn(
            "Task {}: failed to send a record to topic {}, will retry: {}",
            id,
            topic,
            e.toString());
        handle.ack(); // re-submitted with the retry
        toSend = records.subList(processed, records.size());
        return false;
      } catch (KafkaException e) {
        throw new ConnectException("Unrecoverable exception trying to send in task " + id, e);
      }
      processed++;
    }
    toSend = null;
    return true;
  }

  private void onSendFailed(SourceRecord original, SubmittedRecords.Submitted handle, Exception e) {
    if (errors.tolerance() == ToleranceType.ALL) {
      LOGGER.trace("Task {}: ignoring failed send to topic {}", id, original.topic(), e);
      errors.executeFailed(Stage.KAFKA_PRODUCE, producer.getClass(), original, e);
      handle.ack();
      commitTaskRecord(original, null);
    } else {
      LOGGER.error("Task {}: failed to send a record to topic {}", id, original.topic(), e);
      sendFailure.compareAndSet(null, e);
    }
  }

  private ProducerRecord<byte[], byte[]> convert(SourceRecord original) {
    SourceRecord record = pipeline.transformations().apply(original, errors, original);
    if (record == null) {
      return null;
    }
    Converters converters = pipeline.converters();
    String topic = record.topic();
    RecordHeaders headers = new RecordHeaders();
    if (!record.headers().isEmpty()) {
      for (Header header : record.headers()) {
        byte[] bytes =
            errors.execute(
                Stage.HEADER_CONVERTER,
                converters.header().getClass(),
                original,
                () ->
                    converters
                        .header()
                        .fromConnectHeader(topic, header.key(), header.schema(), header.value()));
        if (errors.skipped()) {
          return null;
        }
        headers.add(header.key(), bytes);
      }
    }
    byte[] key =
        errors.execute(
            Stage.KEY_CONVERTER,
            converters.key().getClass(),
            original,
            () ->
                converters.key().fromConnectData(topic, headers, record.keySchema(), record.key()));
    if (errors.skipped()) {
      return null;
    }
    byte[] value =
        errors.execute(
            Stage.VALUE_CONVERTER,
            converters.value().getClass(),
            original,
            () ->
                converters
                    .value()
                    .fromConnectData(topic, headers, record.valueSchema(), record.value()));
    if (errors.skipped()) {
      return null;
    }
    // ProducerRecord copies the headers it is given; most records have none.
    return new ProducerRecord<>(
        topic,
        record.kafkaPartition(),
        timestamp(record.timestamp()),
        key,
        value,
        headers.iterator().hasNext() ? headers : null);
  }

  private static Long timestamp(Long timestamp) {
    if (timestamp == null || timestamp == -1L) {
      return null;
    }
    if (timestamp < 0) {
      throw new ConnectException("Invalid record timestamp " + timestamp);
    }
    return timestamp;
  }

  private void commitTaskRecord(SourceRecord record, RecordMetadata metadata) {
    try {
      task.commitRecord(record, metadata);
    } catch (Throwable t) {
      LOGGER.error("Task {}: exception thrown while calling task.commitRecord()", id, t);
    }
  }

  /** Writes the committable offsets, then calls {@code task.commit()}. */
  private void commitOffsets(boolean awaitAll) throws InterruptedException {
    if (isCancelled()) {
      return;
    }
    if (awaitAll && !submitted.awaitAllAcked(services.offsetFlushTimeoutMs())) {
      LOGGER.warn(
          "Task {}: {} record(s) still unacknowledged after {} ms; committing the offsets of those"
              + " acknowledged",
          id,
          submitted.inFlight(),
          services.offsetFlushTimeoutMs());
    }
    Map<Map<String, Object>, Map<String, Object>> offsets = submitted.committableOffsets();
    if (!offsets.isEmpty()) {
      services.offsetStore().put(id.connector(), offsets);
      LOGGER.debug("Task {}: committed the offsets of {} source partition(s)", id, offsets.size());
    }
    try {
      task.commit();
    } catch (Throwable t) {
      LOGGER.error("Task {}: exception thrown while calling task.commit()", id, t);
    }
  }

  @Override
  protected void onStopRequested() {
    errors.triggerStop();
    // As in Kafka Connect, stop() is called from the stopping thread so a blocked poll() returns.
    synchronized (this) {
      if (started) {
        tryStopTask();
      }
    }
  }

  private synchronized void tryStopTask() {
    if (taskStopped) {
      return;
    }
    taskStopped = true;
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(parts.loader());
    try {
      task.stop();
    } catch (RuntimeException e) {
      LOGGER.warn("Task {}: exception thrown while calling task.stop()", id, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  protected void onCancel() {
    Producer<byte[], byte[]> current = producer;
    if (current != null) {
      current.close(Duration.ZERO);
    }
  }

  @Override
  protected void close() throws Exception {
    Exception failure = null;
    boolean wasStarted;
    synchronized (this) {
      wasStarted = started;
    }
    if (wasStarted) {
      tryStopTask();
      try {
        if (!isCancelled() && sendFailure.get() == null) {
          commitOffsets(true);
        }
      } catch (Exception e) {
        failure = e;
      }
    }
    if (producer != null) {
      producer.close(
          isCancelled() ? Duration.ZERO : Duration.ofMillis(services.offsetFlushTimeoutMs()));
    }
    if (admin != null) {
      admin.close(Duration.ZERO);
    }
    try {
      errors.close();
      pipeline.close();
    } catch (RuntimeException e) {
      failure = add(failure, e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static Exception add(Exception first, Exception next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  /** What the connector's task sees. */
  private static final class Context implements SourceTaskContext {
    private final Map<String, String> configs;
    private final OffsetStorageReader reader;

    Context(Map<String, String> configs, OffsetStorageReader reader) {
      this.configs = configs;
      this.reader = reader;
    }

    @Override
    public Map<String, String> configs() {
      return configs;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
      return reader;
    }
  }
}
