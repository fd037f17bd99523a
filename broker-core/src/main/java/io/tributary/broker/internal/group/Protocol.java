package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * One protocol a member supports, e.g. the assignor "range" of protocol type "consumer", with the
 * member's metadata for it (opaque to the coordinator).
 *
 * @param name the protocol name
 * @param metadata the member's metadata for this protocol (not copied; do not modify)
 */
public record Protocol(String name, byte[] metadata) {
  public Protocol {
    requireNonNull(name, "name is null");
    requireNonNull(metadata, "metadata is null");
  }

  /** Same name and same metadata bytes. */
  boolean sameAs(Protocol other) {
    return name.equals(other.name) && Arrays.equals(metadata, other.metadata);
  }
}
