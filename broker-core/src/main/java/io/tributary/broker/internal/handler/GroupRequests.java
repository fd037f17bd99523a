package io.tributary.broker.internal.handler;

import java.net.InetSocketAddress;

/** Small helpers shared by the group handlers. */
final class GroupRequests {
  private GroupRequests() {}

  /** The client's address as Kafka reports it in DescribeGroups ("/127.0.0.1"). */
  static String clientHost(RequestContext context) {
    InetSocketAddress remote = context.connection().remoteAddress();
    if (remote.getAddress() != null) {
      return remote.getAddress().toString();
    }
    return "/" + remote.getHostString();
  }
}
