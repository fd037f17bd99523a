package io.tributary.runtime.internal.plugins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kafka Connect's short names for plugins and the "did you mean" list for names that match none.
 *
 * <p>A plugin's aliases are its simple class name and that name cut before the last occurrence of
 * its kind's suffix: {@code Connector} for connectors ({@code FileStreamSource}), otherwise the
 * simple name of the kind's API type ({@code Converter}: {@code Json} for {@code JsonConverter};
 * {@code HeaderConverter}, {@code Transformation}, {@code Predicate}, {@code ConfigProvider}). An
 * alias naming more than one class is ambiguous.
 *
 * <p>Stateless.
 */
final class PluginAliases {
  private static final int MAX_SUGGESTIONS = 3;

  private PluginAliases() {}

  /** The aliases of a plugin class of the given kind, simple name first. */
  static Set<String> aliases(Class<?> pluginClass, PluginType type) {
    String simple = pluginClass.getSimpleName();
    Set<String> aliases = new LinkedHashSet<>();
    aliases.add(simple);
    String suffix =
        type == PluginType.SOURCE || type == PluginType.SINK
            ? "Connector"
            : type.superClass().getSimpleName();
    int at = simple.lastIndexOf(suffix);
    if (at > 0) {
      aliases.add(simple.substring(0, at));
    }
    return aliases;
  }

  /** The distinct class names among the plugins that have this alias. */
  static Set<String> classNamesFor(String alias, Collection<LoadedPlugin> plugins) {
    Set<String> classNames = new TreeSet<>();
    for (LoadedPlugin plugin : plugins) {
      if (aliases(plugin.pluginClass(), plugin.type()).contains(alias)) {
        classNames.add(plugin.className());
      }
    }
    return classNames;
  }

  /**
   * Up to three class names among the plugins closest to what was asked for, by edit distance to
   * the class name, to its simple name or to an alias, whichever is closest.
   */
  static List<String> closest(String asked, Collection<LoadedPlugin> plugins) {
    String askedLower = asked.toLowerCase(Locale.ROOT);
    String askedSimple = askedLower.substring(askedLower.lastIndexOf('.') + 1);
    record Scored(String className, int distance) {}
    List<Scored> scored = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (LoadedPlugin plugin : plugins) {
      if (!seen.add(plugin.className())) {
        continue;
      }
      int best = distance(askedLower, plugin.className().toLowerCase(Locale.ROOT));
      for (String alias : aliases(plugin.pluginClass(), plugin.type())) {
        String aliasLower = alias.toLowerCase(Locale.ROOT);
        best = Math.min(best, distance(askedLower, aliasLower));
        best = Math.min(best, distance(askedSimple, aliasLower));
      }
      scored.add(new Scored(plugin.className(), best));
    }
    return scored.stream()
        .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::className))
        .limit(MAX_SUGGESTIONS)
        .map(Scored::className)
        .toList();
  }

  /** Levenshtein distance: the fewest single-character insertions, deletions or replacements. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(replace, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
