package io.tributary.runtime.internal.herder;

import java.util.Locale;

/** Whether a connector is a source or a sink, as the REST API shows it ({@code "type"}). */
public enum ConnectorType {
  SOURCE,
  SINK,
  /** The connector class cannot be loaded, so its kind is not known. */
  UNKNOWN;

  public String restName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
