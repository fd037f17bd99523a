package io.tributary.broker.internal.producer;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.record.RecordBatch;

/**
 * The producer-state side of one append to a partition: each batch is {@link #check checked} before
 * the log assigns it offsets and {@link #append recorded} after; the partition's state only changes
 * on {@link #commit}, once the batches are in the log. An append that fails midway is simply
 * dropped and leaves no trace.
 *
 * <p>Rules (Kafka's broker behaviour for idempotent, non-transactional producers):
 *
 * <ul>
 *   <li>A batch with the producer's current epoch and the exact sequence range of one of its last
 *       {@value ProducerStateEntry#RETAINED_BATCHES} batches is a duplicate: it is not appended and
 *       is acknowledged with the original offsets.
 *   <li>An epoch older than the producer's current one fails with INVALID_PRODUCER_EPOCH.
 *   <li>A newer epoch must start at sequence 0; otherwise OUT_OF_ORDER_SEQUENCE_NUMBER.
 *   <li>With the current epoch, the first sequence must directly follow the last appended one
 *       (wrapping from {@link Integer#MAX_VALUE} to 0); otherwise OUT_OF_ORDER_SEQUENCE_NUMBER.
 *   <li>A producer id this partition has no state for is accepted at any sequence (since Kafka 2.5
 *       brokers no longer answer UNKNOWN_PRODUCER_ID: the state may have been lost to retention,
 *       and the producer's own sequence is taken as the new start).
 *   <li>Transactional batches fail with INVALID_TXN_STATE: transactions are not supported yet.
 * </ul>
 *
 * <p>Not thread-safe: used under the partition's append lock, for one append only.
 */
public final class ProducerAppend {
  private final TopicPartition topicPartition;
  private final ProducerStateManager manager;
  private final long nowMs;
  private final Map<Long, ProducerStateEntry> updated = new HashMap<>();

  ProducerAppend(TopicPartition topicPartition, ProducerStateManager manager, long nowMs) {
    this.topicPartition = requireNonNull(topicPartition, "topicPartition is null");
    this.manager = requireNonNull(manager, "manager is null");
    this.nowMs = nowMs;
  }

  /**
   * Validates a batch before it gets offsets.
   *
   * @return the batch it duplicates, when it is a retry of an appended batch; empty when it is to
   *     be appended
   * @throws InvalidProducerEpochException when the batch's epoch is older than the producer's
   * @throws OutOfOrderSequenceException when the batch's sequence does not follow on
   * @throws InvalidTxnStateException for transactional batches (not supported yet)
   * @throws InvalidRecordException for a producer id with a negative epoch or sequence
   */
  public Optional<BatchMetadata> check(RecordBatch batch) {
    if (!batch.hasProducerId()) {
      return Optional.empty();
    }
    long producerId = batch.producerId();
    if (batch.isTransactional() || batch.isControlBatch()) {
      throw new InvalidTxnStateException(
          "Transactional record batches are not supported yet by broker-core (producer id "
              + producerId
              + " writing to "
              + topicPartition
              + "); use an idempotent producer without transactional.id");
    }
    if (batch.producerEpoch() < 0 || batch.baseSequence() < 0) {
      throw new InvalidRecordException(
          "A batch of producer id "
              + producerId
              + " must carry an epoch and a base sequence, got epoch "
              + batch.producerEpoch()
              + " and sequence "
              + batch.baseSequence());
    }
    ProducerStateEntry entry = current(producerId);
    if (entry == null) {
      return Optional.empty();
    }
    Optional<BatchMetadata> duplicate = entry.findDuplicate(batch);
    if (duplicate.isPresent()) {
      return duplicate;
    }
    short epoch = batch.producerEpoch();
    if (epoch < entry.epoch()) {
      throw new InvalidProducerEpochException(
          "Epoch "
              + epoch
              + " of producer id "
              + producerId
              + " in "
              + topicPartition
              + " is older than its current epoch "
              + entry.epoch()
              + "; a newer instance of this producer has taken over");
    }
    if (epoch > entry.epoch()) {
      if (batch.baseSequence() != 0) {
        throw new OutOfOrderSequenceException(
            "Producer id "
                + producerId
                + " began epoch "
                + epoch
                + " in "
                + topicPartition
                + " at sequence "
                + batch.baseSequence()
                + "; a new epoch must start at sequence 0");
      }
    } else if (!Sequences.follows(entry.lastSequence(), batch.baseSequence())) {
      throw new OutOfOrderSequenceException(
          "Out of order sequence for producer id "
              + producerId
              + " epoch "
              + epoch
              + " in "
              + topicPartition
              + ": got "
              + batch.baseSequence()
              + ", expected "
              + (entry.lastSequence() == Integer.MAX_VALUE ? 0 : entry.lastSequence() + 1));
    }
    return Optional.empty();
  }

  /** Records a {@link #check checked} batch after the log has assigned its offsets. */
  public void append(RecordBatch batch) {
    if (!batch.hasProducerId()) {
      return;
    }
    long producerId = batch.producerId();
    ProducerStateEntry entry = current(producerId);
    if (entry == null) {
      entry = ProducerStateEntry.initial(producerId, batch.producerEpoch());
    }
    updated.put(producerId, entry.withBatch(batch.producerEpoch(), BatchMetadata.of(batch), nowMs));
  }

  /** Publishes the recorded batches to the partition's state; call once they are in the log. */
  public void commit() {
    manager.update(updated.values());
    updated.clear();
  }

  private ProducerStateEntry current(long producerId) {
    ProducerStateEntry entry = updated.get(producerId);
    return entry != null ? entry : manager.entry(producerId).orElse(null);
  }
}
