package io.tributary.registry.server.internal.service;

import static java.util.Objects.requireNonNull;

/** A version of a subject, e.g. where a schema id is registered. */
public record SubjectVersion(String subject, int version) {
  public SubjectVersion {
    requireNonNull(subject, "subject is null");
  }
}
