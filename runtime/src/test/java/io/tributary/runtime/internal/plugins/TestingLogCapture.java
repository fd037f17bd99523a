package io.tributary.runtime.internal.plugins;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures what one class logs, for assertions on warnings; close to stop capturing. */
final class TestingLogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  TestingLogCapture(Class<?> loggingClass) {
    logger = (Logger) LoggerFactory.getLogger(loggingClass);
    appender.start();
    logger.addAppender(appender);
  }

  /** The formatted messages logged at this level so far. */
  List<String> messages(Level level) {
    return appender.list.stream()
        .filter(event -> event.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
