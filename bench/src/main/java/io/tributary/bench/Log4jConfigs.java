package io.tributary.bench;

/**
 * log4j 1 (reload4j) settings for the Apache Kafka processes, which log through slf4j-reload4j.
 * Everything goes to standard output, which {@link JvmProcess} captures into a log file.
 */
final class Log4jConfigs {
  /** The Kafka broker: INFO, like its stock config, so startup and errors are on record. */
  static final String BROKER =
      String.join(
          "\n",
          "log4j.rootLogger=INFO, stdout",
          "log4j.logger.kafka.request.logger=WARN",
          "log4j.logger.org.apache.kafka.controller=INFO",
          "log4j.logger.state.change.logger=WARN",
          "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
          "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
          "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
          "");

  /**
   * Kafka Connect's standalone worker: INFO like its stock {@code connect-log4j.properties}, so
   * start-up, connector and task events are on record.
   */
  static final String CONNECT =
      String.join(
          "\n",
          "log4j.rootLogger=INFO, stdout",
          "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
          "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
          "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %X{connector.context}%m (%c:%L)%n",
          "log4j.logger.org.reflections=ERROR",
          "");

  /**
   * The schema registry: INFO for Tributary and WARN for the libraries under it, as {@code
   * bin/tributary registry} logs.
   */
  static final String REGISTRY =
      String.join(
          "\n",
          "log4j.rootLogger=INFO, stderr",
          "log4j.logger.org.apache.kafka=WARN",
          "log4j.logger.io.netty=WARN",
          "log4j.logger.io.vertx=WARN",
          "log4j.appender.stderr=org.apache.log4j.ConsoleAppender",
          "log4j.appender.stderr.Target=System.err",
          "log4j.appender.stderr.layout=org.apache.log4j.PatternLayout",
          "log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n",
          "");

  /** Perf tools and StorageTool: warnings only, so their output is their figures. */
  static final String TOOLS =
      String.join(
          "\n",
          "log4j.rootLogger=WARN, stderr",
          "log4j.appender.stderr=org.apache.log4j.ConsoleAppender",
          "log4j.appender.stderr.Target=System.err",
          "log4j.appender.stderr.layout=org.apache.log4j.PatternLayout",
          "log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n",
          "");

  private Log4jConfigs() {}
}
