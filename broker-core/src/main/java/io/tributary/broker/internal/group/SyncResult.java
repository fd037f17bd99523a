package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

import org.apache.kafka.common.protocol.Errors;

/**
 * The answer to a SyncGroup.
 *
 * @param error NONE or the error
 * @param protocolType the group's protocol type (null on error)
 * @param protocolName the selected protocol (null on error)
 * @param assignment the member's assignment (empty on error)
 */
public record SyncResult(
    Errors error, String protocolType, String protocolName, byte[] assignment) {
  public SyncResult {
    requireNonNull(error, "error is null");
    requireNonNull(assignment, "assignment is null");
  }

  static SyncResult error(Errors error) {
    return new SyncResult(error, null, null, new byte[0]);
  }
}
