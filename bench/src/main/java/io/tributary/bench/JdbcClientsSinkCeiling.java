package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import io.tributary.registry.serde.AvroDeserializer;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The least any sink must do to move the source's topic into a table, with no worker: one thread
 * consumes the topic with kafka-clients, decodes each value with Tributary's Avro deserializer,
 * writes it as COPY text and loads each batch with one {@code COPY ... FROM STDIN} and one commit
 * into a fresh table. A ceiling for the JDBC sink measured in the same run, not a product (no
 * offsets stored, no schema handling, no error handling).
 */
final class JdbcClientsSinkCeiling {
  private static final int BATCH = 5000;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final JdbcBenchDatabase database;
  private final String bootstrapServers;
  private final URI registry;

  JdbcClientsSinkCeiling(JdbcBenchDatabase database, String bootstrapServers, URI registry) {
    this.database = requireNonNull(database, "database is null");
    this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers is null");
    this.registry = requireNonNull(registry, "registry is null");
  }

  /** Loads every record of {@code topic} (partition 0) into the fresh table {@code table}. */
  JdbcResults.Timing run(String topic, String table, long expectedRows) {
    database.freshTable(table);
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(BATCH));
    TopicPartition partition = new TopicPartition(topic, 0);
    try (AvroDeserializer values = new AvroDeserializer();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties);
        Connection connection = database.connect()) {
      values.configure(Map.of("schema.registry.url", registry.toString()), false);
      connection.setAutoCommit(false);
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      String copyIn = "COPY " + table + " (id, name, amount, created_at, active) FROM STDIN";
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long started = System.nanoTime();
      long rows = 0;
      StringBuilder text = new StringBuilder(BATCH * 120);
      while (rows < expectedRows) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
          if (System.nanoTime() - started > Duration.ofMinutes(10).toNanos()) {
            throw new IllegalStateException("only " + rows + " of " + expectedRows + " records");
          }
          continue;
        }
        text.setLength(0);
        for (ConsumerRecord<byte[], byte[]> record : records) {
          GenericRecord row = (GenericRecord) values.deserialize(topic, record.value());
          appendRow(text, row);
        }
        copy.copyIn(copyIn, new StringReader(text.toString()));
        connection.commit();
        rows += records.count();
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - started);
      if (rows != expectedRows) {
        throw new IllegalStateException("loaded " + rows + " rows, expected " + expectedRows);
      }
      return new JdbcResults.Timing(rows, wall);
    } catch (SQLException e) {
      throw new IllegalStateException("COPY FROM failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("COPY FROM failed: " + e.getMessage(), e);
    }
  }

  /** One COPY text line of the benchmark table's columns from the source connector's record. */
  private static void appendRow(StringBuilder out, GenericRecord row) {
    out.append(row.get("id")).append('\t');
    String name = row.get("name").toString();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('\t');
    ByteBuffer amount = ((ByteBuffer) row.get("amount")).duplicate();
    byte[] unscaled = new byte[amount.remaining()];
    amount.get(unscaled);
    out.append(new BigDecimal(new BigInteger(unscaled), 2).toPlainString()).append('\t');
    Object created = row.get("created_at");
    out.append(TIMESTAMP.format(Instant.ofEpochMilli(((Number) created).longValue())));
    out.append('\t').append((Boolean) row.get("active") ? 't' : 'f').append('\n');
  }
}
