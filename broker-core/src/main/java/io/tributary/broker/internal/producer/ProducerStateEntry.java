package io.tributary.broker.internal.producer;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.record.RecordBatch;

/**
 * The state one partition keeps for one producer id: its current epoch and the metadata of its last
 * {@value #RETAINED_BATCHES} appended batches (oldest first), as Kafka keeps it, so any of the
 * batches a producer may still have in flight is recognised when retried.
 *
 * <p>The transaction fields are kept (and persisted in snapshots) so transactions can be added
 * without changing the snapshot format; until then they are always "none".
 *
 * @param producerId the producer id
 * @param epoch the last epoch seen from this producer
 * @param batches the last appended batches of {@code epoch}, oldest first, at most {@value
 *     #RETAINED_BATCHES}
 * @param lastAppendMs the broker's clock when this producer last appended (for state rebuilt from
 *     the log: when it was rebuilt), or -1 when never; producers are expired by it
 * @param coordinatorEpoch the epoch of the transaction coordinator that last wrote a marker for
 *     this producer, or -1 (transactions are not supported yet)
 * @param currentTxnFirstOffset the first offset of the producer's open transaction, or -1 when none
 *     (transactions are not supported yet)
 */
public record ProducerStateEntry(
    long producerId,
    short epoch,
    List<BatchMetadata> batches,
    long lastAppendMs,
    int coordinatorEpoch,
    long currentTxnFirstOffset) {

  /** How many batches per producer are remembered; kafka-clients has at most 5 in flight. */
  public static final int RETAINED_BATCHES = 5;

  public ProducerStateEntry {
    requireNonNull(batches, "batches is null");
    batches = List.copyOf(batches);
    if (producerId < 0) {
      throw new IllegalArgumentException("Invalid producer id " + producerId);
    }
    if (batches.size() > RETAINED_BATCHES) {
      throw new IllegalArgumentException(
          "At most " + RETAINED_BATCHES + " batches are kept, got " + batches.size());
    }
  }

  /** A producer seen for the first time, at {@code epoch}. */
  static ProducerStateEntry initial(long producerId, short epoch) {
    return new ProducerStateEntry(producerId, epoch, List.of(), -1L, -1, -1L);
  }

  /** The sequence of the last appended record of the current epoch, or -1 when none. */
  int lastSequence() {
    return batches.isEmpty() ? Sequences.NONE : batches.get(batches.size() - 1).lastSequence();
  }

  /** The remembered batch {@code batch} is a retry of, if any (same epoch, same sequences). */
  Optional<BatchMetadata> findDuplicate(RecordBatch batch) {
    if (batch.producerEpoch() != epoch) {
      return Optional.empty();
    }
    for (BatchMetadata remembered : batches) {
      if (remembered.sameSequenceRange(batch)) {
        return Optional.of(remembered);
      }
    }
    return Optional.empty();
  }

  /**
   * This entry after appending a batch of {@code batchEpoch}: a new epoch forgets the batches of
   * the old one; the oldest batch is dropped beyond {@value #RETAINED_BATCHES}.
   */
  ProducerStateEntry withBatch(short batchEpoch, BatchMetadata batch, long appendMs) {
    List<BatchMetadata> kept = new ArrayList<>(batchEpoch == epoch ? batches : List.of());
    kept.add(batch);
    while (kept.size() > RETAINED_BATCHES) {
      kept.remove(0);
    }
    return new ProducerStateEntry(
        producerId, batchEpoch, kept, appendMs, coordinatorEpoch, currentTxnFirstOffset);
  }
}
