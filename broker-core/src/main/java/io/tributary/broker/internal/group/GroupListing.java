package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

/**
 * A group as ListGroups reports it.
 *
 * @param groupId the group
 * @param protocolType its protocol type, "" when none (a group that only stores offsets)
 * @param state the state's wire name
 */
public record GroupListing(String groupId, String protocolType, String state) {
  public GroupListing {
    requireNonNull(groupId, "groupId is null");
    requireNonNull(protocolType, "protocolType is null");
    requireNonNull(state, "state is null");
  }
}
