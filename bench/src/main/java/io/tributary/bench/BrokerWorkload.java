package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark steps, run against one started broker with Apache Kafka's own perf tools, each in
 * its own JVM: ProducerPerformance with acks=1 and acks=all, ConsumerPerformance reading the acks=1
 * topic back, and EndToEndLatency with acks=1 and acks=all.
 */
final class BrokerWorkload {
  private static final Logger LOGGER = LoggerFactory.getLogger(BrokerWorkload.class);

  static final String PRODUCER_PERFORMANCE = "org.apache.kafka.tools.ProducerPerformance";
  static final String CONSUMER_PERFORMANCE = "org.apache.kafka.tools.ConsumerPerformance";
  static final String END_TO_END_LATENCY = "org.apache.kafka.tools.EndToEndLatency";

  private static final String TOPIC_ACKS_1 = "bench-acks1";
  private static final String TOPIC_ACKS_ALL = "bench-acksall";
  private static final String TOPIC_E2E_ACKS_1 = "bench-e2e-acks1";
  private static final String TOPIC_E2E_ACKS_ALL = "bench-e2e-acksall";

  private final BenchSettings settings;
  private final ToolRunner tools;

  BrokerWorkload(BenchSettings settings, ToolRunner tools) {
    this.settings = requireNonNull(settings, "settings is null");
    this.tools = requireNonNull(tools, "tools is null");
  }

  BrokerResults run(String label, String bootstrapServers, Path logDir) {
    createTopics(bootstrapServers);
    Outcome<PerfOutput.Producer> acks1 = produce(bootstrapServers, TOPIC_ACKS_1, "1", logDir);
    Outcome<PerfOutput.Producer> acksAll = produce(bootstrapServers, TOPIC_ACKS_ALL, "all", logDir);
    Outcome<PerfOutput.Consumer> consume = consume(bootstrapServers, logDir);
    List<String> notes = new ArrayList<>();
    Outcome<PerfOutput.EndToEnd> e2e1 =
        endToEnd(bootstrapServers, TOPIC_E2E_ACKS_1, "1", logDir, notes);
    Outcome<PerfOutput.EndToEnd> e2eAll =
        endToEnd(bootstrapServers, TOPIC_E2E_ACKS_ALL, "all", logDir, notes);
    return new BrokerResults(label, acks1, acksAll, consume, e2e1, e2eAll, notes);
  }

  private void createTopics(String bootstrapServers) {
    List<NewTopic> topics =
        List.of(TOPIC_ACKS_1, TOPIC_ACKS_ALL, TOPIC_E2E_ACKS_1, TOPIC_E2E_ACKS_ALL).stream()
            .map(name -> new NewTopic(name, settings.partitions(), (short) 1))
            .toList();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                60_000))) {
      admin.createTopics(topics).all().get(90, TimeUnit.SECONDS);
      LOGGER.info("Created topics {} with {} partitions", topics, settings.partitions());
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Cannot create the benchmark topics on " + bootstrapServers + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    }
  }

  private Outcome<PerfOutput.Producer> produce(
      String bootstrapServers, String topic, String acks, Path logDir) {
    return Outcome.of(
        () -> {
          LOGGER.info("ProducerPerformance acks={}: {} records", acks, settings.records());
          ToolRunner.Result result =
              tools
                  .run(
                      PRODUCER_PERFORMANCE,
                      List.of(
                          "--topic",
                          topic,
                          "--num-records",
                          Long.toString(settings.records()),
                          "--record-size",
                          Integer.toString(settings.recordSize()),
                          "--throughput",
                          "-1",
                          "--producer-props",
                          "bootstrap.servers=" + bootstrapServers,
                          "acks=" + acks,
                          "batch.size=" + settings.batchSize(),
                          "linger.ms=" + settings.lingerMs(),
                          // Every partition gets the same number of records on both brokers, so
                          // the consume figures compare serving speed, not partition skew.
                          "partitioner.class=" + EvenBatchPartitioner.class.getName()),
                      logDir.resolve("producer-acks" + acks + ".log"),
                      Duration.ofMinutes(30))
                  .requireSuccess("ProducerPerformance acks=" + acks);
          PerfOutput.Producer producer = PerfOutput.producer(result.output());
          if (producer.records() != settings.records()) {
            throw new IllegalStateException(
                "ProducerPerformance sent "
                    + producer.records()
                    + " records, expected "
                    + settings.records());
          }
          LOGGER.info("  {}", producer);
          return producer;
        });
  }

  private Outcome<PerfOutput.Consumer> consume(String bootstrapServers, Path logDir) {
    return Outcome.of(
        () -> {
          LOGGER.info("ConsumerPerformance: {} records", settings.records());
          ToolRunner.Result result =
              tools
                  .run(
                      CONSUMER_PERFORMANCE,
                      List.of(
                          "--bootstrap-server",
                          bootstrapServers,
                          "--topic",
                          TOPIC_ACKS_1,
                          "--messages",
                          Long.toString(settings.records()),
                          "--group",
                          "bench-consumer-" + System.currentTimeMillis(),
                          "--timeout",
                          "60000"),
                      logDir.resolve("consumer.log"),
                      Duration.ofMinutes(30))
                  .requireSuccess("ConsumerPerformance");
          PerfOutput.Consumer consumer = PerfOutput.consumer(result.output());
          if (consumer.records() < settings.records()) {
            throw new IllegalStateException(
                "ConsumerPerformance read "
                    + consumer.records()
                    + " records, expected "
                    + settings.records()
                    + "; see "
                    + result.logFile());
          }
          LOGGER.info("  {}", consumer);
          return consumer;
        });
  }

  /**
   * EndToEndLatency prints its figures once every record made the round trip, then closes its
   * consumer, which has a group.id; when that close fails (a broker without a group coordinator)
   * the figures are complete and kept, and the failure becomes a note.
   */
  private Outcome<PerfOutput.EndToEnd> endToEnd(
      String bootstrapServers, String topic, String acks, Path logDir, List<String> notes) {
    return Outcome.of(
        () -> {
          LOGGER.info("EndToEndLatency acks={}: {} records", acks, settings.endToEndMessages());
          ToolRunner.Result result =
              tools.run(
                  END_TO_END_LATENCY,
                  List.of(
                      bootstrapServers,
                      topic,
                      Integer.toString(settings.endToEndMessages()),
                      acks,
                      Integer.toString(settings.recordSize())),
                  logDir.resolve("end-to-end-acks" + acks + ".log"),
                  Duration.ofMinutes(30));
          PerfOutput.EndToEnd endToEnd;
          if (result.exitCode() == 0) {
            endToEnd = PerfOutput.endToEnd(result.output());
          } else {
            try {
              endToEnd = PerfOutput.endToEnd(result.output());
            } catch (IllegalArgumentException noFigures) {
              result.requireSuccess("EndToEndLatency acks=" + acks);
              throw noFigures;
            }
            String error = PerfOutput.lastErrorLine(result.output());
            notes.add(
                "EndToEndLatency acks="
                    + acks
                    + " printed its figures, then exited with code "
                    + result.exitCode()
                    + " while closing"
                    + (error.isEmpty() ? "" : ": " + error));
            LOGGER.warn("  {}", notes.get(notes.size() - 1));
          }
          LOGGER.info("  {}", endToEnd);
          return endToEnd;
        });
  }
}
