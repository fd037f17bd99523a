package io.tributary.bench;

import io.tributary.registry.client.SchemaRegistryClientConfig;
import io.tributary.registry.converter.AvroConverter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the topic the HDFS sink reads, before anything is timed: order structs of {@link
 * ConnectRecords#SCHEMA} (11 fields, about 115 bytes as Avro), every field derived from the
 * record's number so values do not repeat in a short cycle (Parquet's dictionaries and codecs would
 * otherwise shrink the files to almost nothing), as values through Tributary's AvroConverter and
 * the schema registry (the wire format the worker's value converter reads), no keys, one partition.
 */
final class HdfsTopic {
  private static final Logger LOGGER = LoggerFactory.getLogger(HdfsTopic.class);

  private static final long EPOCH_2026_MILLIS = 1_767_225_600_000L;

  private HdfsTopic() {}

  /**
   * The topic's figures once filled.
   *
   * @param records records produced (and acknowledged)
   * @param valueBytes the serialized values' total size
   */
  record Filled(long records, long valueBytes) {
    double bytesPerRecord() {
      return records == 0 ? 0 : (double) valueBytes / records;
    }
  }

  /** Creates {@code topic} with one partition and produces {@code records} records into it. */
  static Filled fill(String bootstrapServers, URI registryUrl, String topic, long records) {
    createTopic(bootstrapServers, topic);
    AvroConverter converter = new AvroConverter();
    converter.configure(
        Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl.toString()),
        false);
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    long bytes = 0;
    long started = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
      java.util.concurrent.atomic.AtomicReference<Exception> failure =
          new java.util.concurrent.atomic.AtomicReference<>();
      Future<RecordMetadata> last = null;
      for (long r = 0; r < records; r++) {
        byte[] encoded = converter.fromConnectData(topic, ConnectRecords.SCHEMA, value(r));
        bytes += encoded.length;
        last =
            producer.send(
                new ProducerRecord<>(topic, 0, null, encoded),
                (metadata, e) -> {
                  if (e != null) {
                    failure.compareAndSet(null, e);
                  }
                });
      }
      producer.flush();
      if (last != null) {
        last.get();
      }
      if (failure.get() != null) {
        throw new IllegalStateException(
            "Filling " + topic + " failed: " + failure.get().getMessage(), failure.get());
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Filling " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while filling " + topic, e);
    }
    LOGGER.info(
        "{}: {} records, {} bytes of values, in {} s",
        topic,
        records,
        bytes,
        Duration.ofNanos(System.nanoTime() - started).toSeconds());
    return new Filled(records, bytes);
  }

  /** The value of record {@code r}: the same for every run. */
  static Struct value(long r) {
    Struct value =
        new Struct(ConnectRecords.SCHEMA)
            .put("id", r)
            .put("customer", "customer-" + (r * 7919 % 99_991))
            .put("email", "buyer" + (r * 31 % 1_000_003) + "@example.com")
            .put("quantity", (int) (1 + r % 50))
            .put("price", 9.99 + (r * 13 % 100_000) / 100.0)
            .put("discount", (r % 7) / 100.0)
            .put("paid", r % 3 != 0)
            .put("gift", r % 11 == 0)
            .put("warehouse", (int) (r % 17))
            .put(
                "note", r % 10 == 0 ? null : "leave at the door, order " + r + ", gate " + r % 7919)
            .put("created", new java.util.Date(EPOCH_2026_MILLIS + r * 37));
    value.validate();
    return value;
  }

  private static void createTopic(String bootstrapServers, String topic) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot create " + topic + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating " + topic, e);
    }
  }
}
