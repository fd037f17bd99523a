package io.tributary.runtime.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.tributary.runtime.internal.rest.LoggerLevels.LoggerLevel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@link LoggerLevels} over a logback context of its own, with a fixed clock. */
class LoggerLevelsTest {
  private static final long NOW = 1_700_000_000_000L;

  private final LoggerContext context = new LoggerContext();
  private final LoggerLevels levels =
      new LoggerLevels(context, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

  @Test
  void rootIsListedAsRootWithItsLevel() {
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);

    assertThat(levels.allLevels()).containsOnlyKeys("root");
    assertThat(levels.level("ROOT")).contains(new LoggerLevel("INFO", null));
    assertThat(levels.level("root")).contains(new LoggerLevel("INFO", null));
  }

  @Test
  void settingRootCoversEveryLogger() {
    context.getLogger("a.b");

    assertThat(levels.setLevel("root", Level.WARN)).containsExactly("a", "a.b", "root");
    assertThat(levels.level("root")).contains(new LoggerLevel("WARN", NOW));
  }

  @Test
  void aLoggerAlreadyAtTheLevelIsCoveredButNotModified() {
    context.getLogger("x").setLevel(Level.ERROR);

    assertThat(levels.setLevel("x", Level.ERROR)).containsExactly("x");
    assertThat(levels.level("x")).contains(new LoggerLevel("ERROR", null));
  }

  @Test
  void settingANewNamespaceCreatesItsLogger() {
    assertThat(levels.level("fresh.ns")).isEmpty();

    assertThat(levels.setLevel("fresh.ns", Level.TRACE)).containsExactly("fresh.ns");
    assertThat(levels.allLevels()).containsEntry("fresh.ns", new LoggerLevel("TRACE", NOW));
  }

  @Test
  void parsesLevelsLikeKafkaConnect() {
    assertThat(LoggerLevels.parseLevel("debug")).contains(Level.DEBUG);
    assertThat(LoggerLevels.parseLevel("FATAL")).contains(Level.ERROR);
    assertThat(LoggerLevels.parseLevel("OFF")).contains(Level.OFF);
    assertThat(LoggerLevels.parseLevel("LOUD")).isEmpty();
  }
}
