package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One member of a group. Mutable; guarded by the lock of the {@link Group} that holds it.
 *
 * <p>A member is "awaiting join" while its JoinGroup response is held back ({@link #joinFuture}
 * set) and "awaiting sync" while its SyncGroup response is ({@link #syncFuture} set); in both cases
 * its session does not expire, since the coordinator, not the client, is the one waiting.
 */
final class GroupMember {
  private String memberId;
  private final String groupInstanceId;
  private String clientId;
  private String clientHost;
  private int sessionTimeoutMs;
  private int rebalanceTimeoutMs;
  private List<Protocol> protocols;
  private byte[] assignment = new byte[0];
  private CompletableFuture<JoinResult> joinFuture;
  private CompletableFuture<SyncResult> syncFuture;
  private GroupTimer.Cancellable sessionTimer;
  private long sessionEpoch;

  GroupMember(
      String memberId,
      String groupInstanceId,
      String clientId,
      String clientHost,
      int sessionTimeoutMs,
      int rebalanceTimeoutMs,
      List<Protocol> protocols) {
    this.memberId = requireNonNull(memberId, "memberId is null");
    this.groupInstanceId = groupInstanceId;
    this.clientId = requireNonNull(clientId, "clientId is null");
    this.clientHost = requireNonNull(clientHost, "clientHost is null");
    this.sessionTimeoutMs = sessionTimeoutMs;
    this.rebalanceTimeoutMs = rebalanceTimeoutMs;
    this.protocols = List.copyOf(protocols);
  }

  String memberId() {
    return memberId;
  }

  void memberId(String newMemberId) {
    this.memberId = requireNonNull(newMemberId, "newMemberId is null");
  }

  String groupInstanceId() {
    return groupInstanceId;
  }

  boolean isStatic() {
    return groupInstanceId != null;
  }

  String clientId() {
    return clientId;
  }

  String clientHost() {
    return clientHost;
  }

  int sessionTimeoutMs() {
    return sessionTimeoutMs;
  }

  int rebalanceTimeoutMs() {
    return rebalanceTimeoutMs;
  }

  List<Protocol> protocols() {
    return protocols;
  }

  /** Takes the settings of a rejoin. */
  void update(JoinRequest request) {
    this.clientId = request.clientId();
    this.clientHost = request.clientHost();
    this.sessionTimeoutMs = request.sessionTimeoutMs();
    this.rebalanceTimeoutMs = request.rebalanceTimeoutMs();
    this.protocols = request.protocols();
  }

  /** The member's metadata for a protocol, or null when it does not support it. */
  byte[] metadata(String protocolName) {
    for (Protocol protocol : protocols) {
      if (protocol.name().equals(protocolName)) {
        return protocol.metadata();
      }
    }
    return null;
  }

  boolean supports(String protocolName) {
    return metadata(protocolName) != null;
  }

  /** Whether a rejoin with these protocols changes nothing (same names, order and metadata). */
  boolean matches(List<Protocol> others) {
    if (others.size() != protocols.size()) {
      return false;
    }
    for (int i = 0; i < others.size(); i++) {
      if (!protocols.get(i).sameAs(others.get(i))) {
        return false;
      }
    }
    return true;
  }

  byte[] assignment() {
    return assignment;
  }

  void assignment(byte[] newAssignment) {
    this.assignment = requireNonNull(newAssignment, "newAssignment is null");
  }

  CompletableFuture<JoinResult> joinFuture() {
    return joinFuture;
  }

  void joinFuture(CompletableFuture<JoinResult> future) {
    this.joinFuture = future;
  }

  CompletableFuture<SyncResult> syncFuture() {
    return syncFuture;
  }

  void syncFuture(CompletableFuture<SyncResult> future) {
    this.syncFuture = future;
  }

  boolean awaitingJoin() {
    return joinFuture != null;
  }

  boolean awaitingSync() {
    return syncFuture != null;
  }

  /** Completes a held JoinGroup response, if any. */
  void completeJoin(JoinResult result) {
    CompletableFuture<JoinResult> future = joinFuture;
    joinFuture = null;
    if (future != null) {
      future.complete(result);
    }
  }

  /** Completes a held SyncGroup response, if any. */
  void completeSync(SyncResult result) {
    CompletableFuture<SyncResult> future = syncFuture;
    syncFuture = null;
    if (future != null) {
      future.complete(result);
    }
  }

  /** Replaces the session timer; returns the epoch a firing timer must match to act. */
  long replaceSessionTimer(GroupTimer.Cancellable timer) {
    cancelSessionTimer();
    sessionTimer = timer;
    return sessionEpoch;
  }

  /** Starts a new session epoch (call before scheduling the timer that belongs to it). */
  long nextSessionEpoch() {
    return ++sessionEpoch;
  }

  long sessionEpoch() {
    return sessionEpoch;
  }

  void cancelSessionTimer() {
    if (sessionTimer != null) {
      sessionTimer.cancel();
      sessionTimer = null;
    }
  }
}
