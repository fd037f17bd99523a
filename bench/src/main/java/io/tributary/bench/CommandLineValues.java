package io.tributary.bench;

import java.util.ArrayList;
import java.util.List;

/** Parsing of the benchmark scripts' option values, shared by their settings. */
final class CommandLineValues {
  private CommandLineValues() {}

  /** A count such as {@code 5000000}, {@code 5_000_000} or {@code 5,000,000}. */
  static long number(String name, String value) {
    try {
      return Long.parseLong(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Invalid value " + value + " for " + name + ": not a number");
    }
  }

  /** The non-blank entries of a comma-separated list, trimmed. */
  static List<String> list(String value) {
    List<String> entries = new ArrayList<>();
    for (String entry : value.split(",")) {
      if (!entry.isBlank()) {
        entries.add(entry.trim());
      }
    }
    return entries;
  }
}
