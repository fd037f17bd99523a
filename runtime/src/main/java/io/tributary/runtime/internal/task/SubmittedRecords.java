package io.tributary.runtime.internal.task;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The source records a task has handed to the producer and not yet committed, per source partition
 * in submission order. An offset becomes committable only when its record and every earlier record
 * of the same source partition are acknowledged (or dropped), so a commit never skips a record
 * still in flight.
 *
 * <p>{@link #submit} and {@link #committableOffsets} are called by the task thread; {@link
 * Submitted#ack} by the producer's thread. The in-flight count is a lock-free counter (the task and
 * producer threads touch it once per record); {@link #awaitAllAcked} waits on this object's
 * monitor, which an ack notifies only when the count reaches zero.
 */
final class SubmittedRecords {
  /** One record in flight. */
  static final class Submitted {
    private final SubmittedRecords owner;
    final Map<String, Object> partition;
    final Map<String, Object> offset;
    private volatile boolean acked;

    private Submitted(
        SubmittedRecords owner, Map<String, Object> partition, Map<String, Object> offset) {
      this.owner = owner;
      this.partition = partition;
      this.offset = offset;
    }

    /** Acknowledged by the cluster, dropped, or skipped: its offset may be committed. */
    void ack() {
      if (!acked) {
        acked = true;
        owner.acked();
      }
    }
  }

  private final Map<Map<String, Object>, ArrayDeque<Submitted>> byPartition = new HashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  // The last partition's queue: connectors usually emit runs of records of one partition, often
  // with the same partition map instance (task thread only).
  private Map<String, Object> lastPartition;
  private ArrayDeque<Submitted> lastQueue;

  @SuppressWarnings("unchecked")
  Submitted submit(Map<String, ?> partition, Map<String, ?> offset) {
    Submitted record =
        new Submitted(this, (Map<String, Object>) partition, (Map<String, Object>) offset);
    inFlight.incrementAndGet();
    if (partition != null) {
      if (partition != lastPartition) {
        lastQueue = byPartition.computeIfAbsent(record.partition, p -> new ArrayDeque<>());
        lastPartition = record.partition;
      }
      lastQueue.addLast(record);
    }
    return record;
  }

  private void acked() {
    if (inFlight.decrementAndGet() == 0) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /**
   * Removes the acknowledged prefix of each partition and returns its last offset per partition.
   */
  Map<Map<String, Object>, Map<String, Object>> committableOffsets() {
    Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();
    for (Iterator<Map.Entry<Map<String, Object>, ArrayDeque<Submitted>>> it =
            byPartition.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Map<String, Object>, ArrayDeque<Submitted>> entry = it.next();
      ArrayDeque<Submitted> queue = entry.getValue();
      Submitted last = null;
      while (!queue.isEmpty() && queue.peekFirst().acked) {
        last = queue.pollFirst();
      }
      if (last != null) {
        offsets.put(entry.getKey(), last.offset);
      }
      if (queue.isEmpty()) {
        it.remove();
        if (queue == lastQueue) {
          lastPartition = null;
          lastQueue = null;
        }
      }
    }
    return offsets;
  }

  /** Records submitted and not yet acknowledged. */
  int inFlight() {
    return inFlight.get();
  }

  /** Waits up to {@code timeoutMs} until every submitted record is acknowledged; true if so. */
  synchronized boolean awaitAllAcked(long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (inFlight.get() > 0) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }
}
