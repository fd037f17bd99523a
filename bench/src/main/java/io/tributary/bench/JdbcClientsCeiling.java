package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import io.tributary.registry.serde.AvroSerializer;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The least any worker must do to move the benchmark table into the log, with no worker: one thread
 * reads it through the same driver (a streamed SELECT with the source's fetch size), builds an Avro
 * record per row, encodes it with Tributary's Avro serializer (the same registry and wire format as
 * the connector's converter) and sends it with one kafka-clients producer, acks=all, to a fresh
 * topic (key: the id as 8 bytes). A ceiling for the connector figures measured on the same machine
 * in the same run, not a product.
 */
final class JdbcClientsCeiling {
  private static final int FETCH_SIZE = 10_000;

  private static final Schema DECIMAL =
      LogicalTypes.decimal(12, 2).addToSchema(Schema.create(Schema.Type.BYTES));
  private static final Schema TIMESTAMP =
      LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
  private static final Schema ROW =
      SchemaBuilder.record("bench_rows_ceiling")
          .fields()
          .requiredLong("id")
          .requiredString("name")
          .name("amount")
          .type(DECIMAL)
          .noDefault()
          .name("created_at")
          .type(TIMESTAMP)
          .noDefault()
          .requiredBoolean("active")
          .endRecord();

  private final JdbcBenchDatabase database;
  private final String bootstrapServers;
  private final URI registry;

  JdbcClientsCeiling(JdbcBenchDatabase database, String bootstrapServers, URI registry) {
    this.database = requireNonNull(database, "database is null");
    this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers is null");
    this.registry = requireNonNull(registry, "registry is null");
  }

  /** Reads every row into {@code topic}; timed from the query until the last send is acked. */
  JdbcResults.Timing run(String topic, long expectedRows) {
    Conversions.DecimalConversion decimals = new Conversions.DecimalConversion();
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (AvroSerializer serializer = new AvroSerializer();
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings());
        Connection connection = database.connect()) {
      serializer.configure(Map.of("schema.registry.url", registry.toString()), false);
      connection.setAutoCommit(false);
      long started = System.nanoTime();
      long rows = 0;
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT id, name, amount, created_at, active FROM "
                  + JdbcBenchDatabase.SOURCE_TABLE)) {
        statement.setFetchSize(FETCH_SIZE);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            GenericRecord row = new GenericData.Record(ROW);
            row.put(0, rs.getLong(1));
            row.put(1, rs.getString(2));
            BigDecimal amount = rs.getBigDecimal(3);
            row.put(2, decimals.toBytes(amount, DECIMAL, DECIMAL.getLogicalType()));
            Timestamp created = rs.getTimestamp(4);
            row.put(3, created.getTime());
            row.put(4, rs.getBoolean(5));
            byte[] key = ByteBuffer.allocate(8).putLong(rs.getLong(1)).array();
            producer.send(
                new ProducerRecord<>(topic, key, serializer.serialize(topic, row)),
                (metadata, e) -> {
                  if (e != null) {
                    failure.compareAndSet(null, e);
                  }
                });
            rows++;
          }
        }
      }
      producer.flush();
      Duration wall = Duration.ofNanos(System.nanoTime() - started);
      connection.rollback();
      if (failure.get() != null) {
        throw new IllegalStateException("A send failed: " + failure.get(), failure.get());
      }
      if (rows != expectedRows) {
        throw new IllegalStateException("read " + rows + " rows, expected " + expectedRows);
      }
      return new JdbcResults.Timing(rows, wall);
    } catch (SQLException e) {
      throw new IllegalStateException("The SELECT failed: " + e.getMessage(), e);
    }
  }

  /** The producer settings Tributary's worker gives its source tasks' producers. */
  private Map<String, Object> producerSettings() {
    Map<String, Object> settings = new HashMap<>();
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    settings.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    settings.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
    settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return settings;
  }
}
