package io.tributary.broker.internal.log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which whole segments retention removes. Only segments before the active one are candidates, and
 * only from the oldest on (a segment goes only when every older one goes too):
 *
 * <ul>
 *   <li>always: segments entirely below the log start offset (moved by DeleteRecords);
 *   <li>with cleanup.policy containing {@code delete}: segments whose largest timestamp (the log
 *       file's modification time when its records carry none) is older than now - retention.ms, and
 *       the oldest segments while the partition is larger than retention.bytes.
 * </ul>
 *
 * <p>Stateless.
 */
final class RetentionPolicy {
  /** Why a segment goes; named in the log line. */
  enum Reason {
    BELOW_LOG_START("below the log start offset"),
    RETENTION_MS("retention.ms"),
    RETENTION_BYTES("retention.bytes");

    final String description;

    Reason(String description) {
      this.description = description;
    }
  }

  /** The segments to delete and the reason the last of them went. */
  record Decision(List<LogSegment> segments, Reason reason) {}

  private RetentionPolicy() {}

  /**
   * @param segments every segment in offset order, the active one last
   */
  static Decision deletable(
      List<LogSegment> segments, LogConfig config, long logStartOffset, long nowMs)
      throws IOException {
    long total = 0;
    for (LogSegment segment : segments) {
      total += segment.sizeInBytes();
    }
    List<LogSegment> doomed = new ArrayList<>();
    Reason reason = null;
    for (int i = 0; i < segments.size() - 1; i++) {
      LogSegment segment = segments.get(i);
      long nextBase = segments.get(i + 1).baseOffset();
      Reason why = null;
      if (nextBase <= logStartOffset) {
        why = Reason.BELOW_LOG_START;
      } else if (config.delete()
          && config.retentionMs() >= 0
          && newest(segment) < nowMs - config.retentionMs()) {
        why = Reason.RETENTION_MS;
      } else if (config.delete()
          && config.retentionBytes() >= 0
          && total - segment.sizeInBytes() >= config.retentionBytes()) {
        why = Reason.RETENTION_BYTES;
      }
      if (why == null) {
        break;
      }
      doomed.add(segment);
      reason = why;
      total -= segment.sizeInBytes();
    }
    return new Decision(doomed, reason);
  }

  /** Whether the active segment should roll so that time retention can remove it. */
  static boolean activeBreachesTime(LogSegment active, LogConfig config, long nowMs) {
    return config.delete()
        && config.retentionMs() >= 0
        && active.sizeInBytes() > 0
        && active.maxTimestamp() >= 0
        && active.maxTimestamp() < nowMs - config.retentionMs();
  }

  static long newest(LogSegment segment) throws IOException {
    long ts = segment.maxTimestamp();
    return ts >= 0 ? ts : segment.lastModifiedMs();
  }
}
