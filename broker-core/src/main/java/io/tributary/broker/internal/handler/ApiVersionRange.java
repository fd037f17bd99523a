package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The API a handler serves and the versions of it the handler implements, {@code lowest} to {@code
 * highest} inclusive. ApiVersions announces exactly this range, and the dispatcher rejects requests
 * outside it.
 */
public record ApiVersionRange(ApiKeys apiKey, short lowest, short highest) {
  public ApiVersionRange {
    requireNonNull(apiKey, "apiKey is null");
    if (lowest < 0 || lowest > highest) {
      throw new IllegalArgumentException(
          "Invalid version range "
              + lowest
              + " to "
              + highest
              + " for "
              + apiKey
              + "; the lowest version must be at least 0 and at most the highest");
    }
  }

  /** The range {@code lowest} to {@code highest} of {@code apiKey}, given as int literals. */
  public static ApiVersionRange of(ApiKeys apiKey, int lowest, int highest) {
    return new ApiVersionRange(apiKey, toShort(lowest), toShort(highest));
  }

  /** True when {@code version} is in the range. */
  public boolean contains(short version) {
    return version >= lowest && version <= highest;
  }

  private static short toShort(int version) {
    if (version < Short.MIN_VALUE || version > Short.MAX_VALUE) {
      throw new IllegalArgumentException("Version " + version + " does not fit an API version");
    }
    return (short) version;
  }
}
