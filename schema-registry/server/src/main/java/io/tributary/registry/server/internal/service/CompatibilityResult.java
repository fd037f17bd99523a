package io.tributary.registry.server.internal.service;

import java.util.List;

/**
 * The verdict of a compatibility check: compatible or not and, when not, messages naming each
 * incompatibility (which field, why, against which version).
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {
  public CompatibilityResult {
    messages = List.copyOf(messages);
  }
}
