package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the JDBC source and sink connectors on Tributary's worker over its REST API and times them:
 * a source from {@code POST /connectors} until the topic's end offsets sum to the table's rows; a
 * sink until the offsets it commits with its rows (its exactly-once offsets table) reach the
 * topic's records, then checks the table's row count. Each connector is deleted after its run.
 */
final class JdbcConnectorRuns {
  private static final Logger LOGGER = LoggerFactory.getLogger(JdbcConnectorRuns.class);

  static final String SOURCE_CONNECTOR = "io.tributary.connect.jdbc.source.JdbcSourceConnector";
  static final String SINK_CONNECTOR = "io.tributary.connect.jdbc.sink.JdbcSinkConnector";

  /** Rows per poll of a source task (Confluent's default, 100, is for small incremental polls). */
  static final int SOURCE_BATCH_MAX_ROWS = 10_000;

  static final String SINK_OFFSETS_TABLE = "__tributary_sink_offsets";

  private static final Duration POLL = Duration.ofMillis(20);
  private static final Duration STATUS_EVERY = Duration.ofSeconds(2);

  private final JdbcBenchSettings settings;
  private final JdbcBenchDatabase database;
  private final JvmProcess worker;
  private final WorkerConnectors connectors;
  private final String bootstrapServers;

  JdbcConnectorRuns(
      JdbcBenchSettings settings,
      JdbcBenchDatabase database,
      ConnectRestClient rest,
      JvmProcess worker,
      String bootstrapServers) {
    this.settings = requireNonNull(settings, "settings is null");
    this.database = requireNonNull(database, "database is null");
    this.worker = requireNonNull(worker, "worker is null");
    this.connectors = new WorkerConnectors(requireNonNull(rest, "rest is null"), worker);
    this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers is null");
  }

  /** The source connector's config: bulk, loaded once, split in {@code ranges} when above 1. */
  static Map<String, String> sourceConfig(
      String jdbcUrl, String user, String topicPrefix, int tasks, int ranges) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", SOURCE_CONNECTOR);
    config.put("connection.url", jdbcUrl);
    config.put("connection.user", user);
    config.put("mode", "bulk");
    config.put("load.once", "true");
    config.put("table.include.list", JdbcBenchDatabase.SOURCE_TABLE);
    config.put("topic.prefix", topicPrefix);
    config.put("tasks.max", Integer.toString(tasks));
    config.put("split.ranges", Integer.toString(ranges));
    config.put("batch.max.rows", Integer.toString(SOURCE_BATCH_MAX_ROWS));
    return config;
  }

  /** The sink connector's config: {@code upsert} with pk.mode record_value (id), else insert. */
  static Map<String, String> sinkConfig(
      String jdbcUrl, String user, String topic, String table, boolean upsert, int batch) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", SINK_CONNECTOR);
    config.put("connection.url", jdbcUrl);
    config.put("connection.user", user);
    config.put("topics", topic);
    config.put("tasks.max", "1");
    config.put("table.name.format", table);
    if (batch > 0) {
      config.put("batch.size", Integer.toString(batch));
      config.put("consumer.override.max.poll.records", Integer.toString(batch));
    }
    if (upsert) {
      config.put("insert.mode", "upsert");
      config.put("pk.mode", "record_value");
      config.put("pk.fields", "id");
    } else {
      config.put("insert.mode", "insert");
      config.put("pk.mode", "none");
    }
    return config;
  }

  /** Runs a source connector into topic {@code prefix + table}; the rows it carried and time. */
  JdbcResults.Timing source(String name, String topicPrefix, int tasks, int ranges) {
    String topic = topicPrefix + JdbcBenchDatabase.SOURCE_TABLE;
    Map<String, String> config =
        sourceConfig(database.jdbcUrl(), database.user(), topicPrefix, tasks, ranges);
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      Optional<Duration> cpuBefore = worker.cpuTime();
      long started = System.nanoTime();
      connectors.create(name, config);
      try {
        long deadline = started + settings.timeout().toNanos();
        long nextStatus = started + STATUS_EVERY.toNanos();
        while (true) {
          long records = endOffsets(consumer, topic);
          if (records >= settings.rows()) {
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            if (records != settings.rows()) {
              throw new IllegalStateException(
                  topic + " holds " + records + " records, expected " + settings.rows());
            }
            return new JdbcResults.Timing(records, wall, cpuSince(cpuBefore));
          }
          long now = System.nanoTime();
          if (now > nextStatus) {
            connectors.checkRunning(name);
            nextStatus = now + STATUS_EVERY.toNanos();
          }
          if (now > deadline) {
            throw new IllegalStateException(
                name + ": " + records + " of " + settings.rows() + " records after the timeout");
          }
          WorkerConnectors.pause(POLL);
        }
      } finally {
        connectors.delete(name);
      }
    }
  }

  /** Runs a sink connector from {@code topic} into the fresh table {@code table}. */
  JdbcResults.Timing sink(String name, String topic, String table, boolean upsert) {
    database.freshTable(table);
    Map<String, String> config =
        sinkConfig(database.jdbcUrl(), database.user(), topic, table, upsert, settings.sinkBatch());
    Optional<Duration> cpuBefore = worker.cpuTime();
    long started = System.nanoTime();
    connectors.create(name, config);
    try (Connection connection = database.connect()) {
      long deadline = started + settings.timeout().toNanos();
      long nextStatus = started + STATUS_EVERY.toNanos();
      while (true) {
        long committed = committedOffsets(connection, name);
        if (committed >= settings.rows()) {
          Duration wall = Duration.ofNanos(System.nanoTime() - started);
          long rows = database.queryLong("SELECT count(*) FROM " + table);
          if (rows != settings.rows()) {
            throw new IllegalStateException(
                table + " holds " + rows + " rows, expected " + settings.rows());
          }
          return new JdbcResults.Timing(rows, wall, cpuSince(cpuBefore));
        }
        long now = System.nanoTime();
        if (now > nextStatus) {
          connectors.checkRunning(name);
          nextStatus = now + STATUS_EVERY.toNanos();
        }
        if (now > deadline) {
          throw new IllegalStateException(
              name + ": offsets at " + committed + " of " + settings.rows() + " after the timeout");
        }
        WorkerConnectors.pause(POLL);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(name + ": cannot read its progress: " + e.getMessage(), e);
    } finally {
      connectors.delete(name);
    }
  }

  /** The worker's CPU time since {@code before}, where the platform reports it. */
  private Optional<Duration> cpuSince(Optional<Duration> before) {
    return before.flatMap(b -> worker.cpuTime().map(now -> now.minus(b)));
  }

  /** The sum of the next offsets the sink stored with its rows; 0 before its table exists. */
  private static long committedOffsets(Connection connection, String name) {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT COALESCE(SUM(next_offset), 0) FROM "
                + SINK_OFFSETS_TABLE
                + " WHERE connector = ?")) {
      statement.setString(1, name);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    } catch (SQLException notYet) {
      // 42P01: the sink has not created its offsets table yet.
      if ("42P01".equals(notYet.getSQLState())) {
        return 0;
      }
      throw new IllegalStateException("Cannot read " + SINK_OFFSETS_TABLE, notYet);
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    return new KafkaConsumer<>(properties);
  }

  /** The sum of the topic's end offsets (its records: nothing is deleted); 0 while it is absent. */
  private static long endOffsets(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
    if (partitions == null || partitions.isEmpty()) {
      return 0;
    }
    return consumer
        .endOffsets(
            partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList(),
            Duration.ofSeconds(5))
        .values()
        .stream()
        .mapToLong(Long::longValue)
        .sum();
  }
}
