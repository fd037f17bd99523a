package io.tributary.registry.server.internal.service;

/**
 * A version as a path gives it: a number in [1, 2^31-1], or {@code latest} (also {@code -1}).
 *
 * @param version the number, or -1 for latest
 */
record VersionId(int version) {
  static final String LATEST = "latest";

  boolean latest() {
    return version == -1;
  }

  /**
   * @throws RegistryException 42202 for anything else
   */
  static VersionId parse(String text) {
    if (text == null) {
      throw RegistryErrors.invalidVersion("null");
    }
    if (text.equalsIgnoreCase(LATEST)) {
      return new VersionId(-1);
    }
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw RegistryErrors.invalidVersion(text);
    }
    if (value < 1 && value != -1) {
      throw RegistryErrors.invalidVersion(text);
    }
    return new VersionId(value);
  }
}
