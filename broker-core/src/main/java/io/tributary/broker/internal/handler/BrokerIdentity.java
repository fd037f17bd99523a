package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

/**
 * How this broker describes itself to clients.
 *
 * @param nodeId the broker's node id (also the controller id: there is one node)
 * @param host the advertised host clients connect to
 * @param port the advertised port
 * @param clusterId the cluster id, stable across restarts
 */
public record BrokerIdentity(int nodeId, String host, int port, String clusterId) {
  public BrokerIdentity {
    requireNonNull(host, "host is null");
    requireNonNull(clusterId, "clusterId is null");
  }
}
