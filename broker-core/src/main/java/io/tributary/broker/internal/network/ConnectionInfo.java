package io.tributary.broker.internal.network;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;

/**
 * Who is on the other side of a connection.
 *
 * @param id a connection id unique within this broker's lifetime
 * @param remoteAddress the client's address
 * @param localAddress the listener address the client connected to
 */
public record ConnectionInfo(
    String id, InetSocketAddress remoteAddress, InetSocketAddress localAddress) {
  public ConnectionInfo {
    requireNonNull(id, "id is null");
    requireNonNull(remoteAddress, "remoteAddress is null");
    requireNonNull(localAddress, "localAddress is null");
  }
}
