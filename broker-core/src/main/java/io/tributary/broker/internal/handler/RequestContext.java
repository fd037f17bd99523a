package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.network.ConnectionInfo;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * What a handler knows about the request beyond its body.
 *
 * @param header the request header
 * @param connection the connection the request came on
 */
public record RequestContext(RequestHeader header, ConnectionInfo connection) {
  public RequestContext {
    requireNonNull(header, "header is null");
    requireNonNull(connection, "connection is null");
  }

  public short apiVersion() {
    return header.apiVersion();
  }

  public String clientId() {
    return header.clientId() == null ? "" : header.clientId();
  }
}
