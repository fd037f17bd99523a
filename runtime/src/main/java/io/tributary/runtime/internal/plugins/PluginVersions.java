package io.tributary.runtime.internal.plugins;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Plugin version strings: the fallback when a plugin does not report one, and an order so that the
 * newest of several copies of a plugin class is the one used ({@code 3.10.0} after {@code 3.9.1},
 * {@code undefined} before any version).
 */
final class PluginVersions {
  static final String UNDEFINED = "undefined";

  private static final Pattern SEPARATORS = Pattern.compile("[.\\-+_]");

  /** Older first; numeric parts compare as numbers, others as text. */
  static final Comparator<String> OLDEST_FIRST = PluginVersions::compare;

  private PluginVersions() {}

  /** The Implementation-Version of the jar the class came from, or {@code undefined}. */
  static String fromManifest(Class<?> pluginClass) {
    Package pkg = pluginClass.getPackage();
    String version = pkg == null ? null : pkg.getImplementationVersion();
    return version == null || version.isBlank() ? UNDEFINED : version;
  }

  private static int compare(String left, String right) {
    boolean leftUndefined = UNDEFINED.equals(left);
    boolean rightUndefined = UNDEFINED.equals(right);
    if (leftUndefined || rightUndefined) {
      return Boolean.compare(!leftUndefined, !rightUndefined);
    }
    String[] leftParts = SEPARATORS.split(left);
    String[] rightParts = SEPARATORS.split(right);
    for (int i = 0; i < Math.min(leftParts.length, rightParts.length); i++) {
      int byPart = comparePart(leftParts[i], rightParts[i]);
      if (byPart != 0) {
        return byPart;
      }
    }
    return Integer.compare(leftParts.length, rightParts.length);
  }

  private static int comparePart(String left, String right) {
    boolean leftNumeric = !left.isEmpty() && left.chars().allMatch(Character::isDigit);
    boolean rightNumeric = !right.isEmpty() && right.chars().allMatch(Character::isDigit);
    if (leftNumeric && rightNumeric) {
      String a = left.replaceFirst("^0+(?=.)", "");
      String b = right.replaceFirst("^0+(?=.)", "");
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    if (leftNumeric != rightNumeric) {
      return leftNumeric ? 1 : -1; // 1.0.1 is newer than 1.0-SNAPSHOT's "SNAPSHOT"
    }
    return left.compareTo(right);
  }
}
