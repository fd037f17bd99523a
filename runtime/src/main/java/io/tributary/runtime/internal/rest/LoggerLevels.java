package io.tributary.runtime.internal.rest;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The worker's logger levels, read and changed at runtime as Kafka Connect's {@code /admin/loggers}
 * does, over logback: the loggers with an explicitly set level (and the root logger, named {@code
 * root}), one logger's level, and setting a level on a namespace and every known logger under it,
 * remembering when each logger was last changed. Changes last until the worker stops.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class LoggerLevels {
  private static final org.slf4j.Logger LOGGER = LoggerFactory.getLogger(LoggerLevels.class);

  /** The root logger's name over REST, as Kafka Connect shows it (logback calls it ROOT). */
  static final String ROOT = "root";

  private final LoggerContext context;
  private final Clock clock;
  private final Map<String, Long> lastModified = new HashMap<>();

  public LoggerLevels(LoggerContext context, Clock clock) {
    this.context = requireNonNull(context, "context is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * The levels of the logback context slf4j is bound to.
   *
   * @throws IllegalStateException when slf4j is bound to another logging backend
   */
  public static LoggerLevels ofSlf4j() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      throw new IllegalStateException(
          "Logger levels can only be managed over logback, but slf4j is bound to "
              + factory.getClass().getName()
              + "; remove the other slf4j provider from the classpath.");
    }
    return new LoggerLevels(context, Clock.systemUTC());
  }

  /** The level a logger has and when it was last changed here (null if never). */
  public record LoggerLevel(String level, Long lastModified) {
    public LoggerLevel {
      requireNonNull(level, "level is null");
    }
  }

  /** Every logger with an explicitly set level, and the root logger, sorted by name. */
  public synchronized Map<String, LoggerLevel> allLevels() {
    Map<String, LoggerLevel> levels = new TreeMap<>();
    for (Logger logger : context.getLoggerList()) {
      if (logger.getLevel() != null) {
        levels.put(restName(logger), levelOf(logger));
      }
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    levels.put(ROOT, levelOf(root));
    return levels;
  }

  /** A known logger's level (its effective level when none is set), or empty if not known. */
  public synchronized Optional<LoggerLevel> level(String name) {
    requireNonNull(name, "name is null");
    Logger logger =
        isRoot(name) ? context.getLogger(Logger.ROOT_LOGGER_NAME) : context.exists(name);
    return Optional.ofNullable(logger).map(this::levelOf);
  }

  /**
   * Sets {@code level} on the logger {@code namespace} (created if not known) and on every known
   * logger whose name starts with it; {@code root} means every logger.
   *
   * @return the names of the loggers the request covered, sorted (those already at the level
   *     included)
   */
  public synchronized List<String> setLevel(String namespace, Level level) {
    requireNonNull(namespace, "namespace is null");
    requireNonNull(level, "level is null");
    LOGGER.info("Setting the level of logger {} and its children to {}", namespace, level);
    List<Logger> covered = new ArrayList<>();
    if (isRoot(namespace)) {
      covered.addAll(context.getLoggerList());
    } else {
      context.getLogger(namespace);
      for (Logger logger : context.getLoggerList()) {
        if (logger.getName().startsWith(namespace)) {
          covered.add(logger);
        }
      }
    }
    List<String> names = new ArrayList<>();
    long now = clock.millis();
    for (Logger logger : covered) {
      Level current = logger.getLevel() != null ? logger.getLevel() : logger.getEffectiveLevel();
      if (!level.equals(current)) {
        logger.setLevel(level);
        lastModified.put(restName(logger), now);
      }
      names.add(restName(logger));
    }
    names.sort(null);
    return names;
  }

  /**
   * The logback level named {@code name} (case-insensitive), or empty if there is none. Log4j's
   * {@code FATAL}, which Kafka Connect accepts, is logback's {@code ERROR}.
   */
  public static Optional<Level> parseLevel(String name) {
    String upper = name.trim().toUpperCase(Locale.ROOT);
    if (upper.equals("FATAL")) {
      return Optional.of(Level.ERROR);
    }
    return Optional.ofNullable(Level.toLevel(upper, null));
  }

  private LoggerLevel levelOf(Logger logger) {
    Level level = logger.getLevel() != null ? logger.getLevel() : logger.getEffectiveLevel();
    return new LoggerLevel(level.toString(), lastModified.get(restName(logger)));
  }

  private static boolean isRoot(String name) {
    return ROOT.equalsIgnoreCase(name);
  }

  private static String restName(Logger logger) {
    return Logger.ROOT_LOGGER_NAME.equals(logger.getName()) ? ROOT : logger.getName();
  }
}
