package io.tributary.interop.kafka4;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** kafka-clients 4.x admin, producer and consumer for a broker, with string keys and values. */
final class Clients {
  private Clients() {}

  static Admin admin(BrokerCoreProcess broker) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            30_000));
  }

  static KafkaProducer<String, String> producer(
      BrokerCoreProcess broker, Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    config.putAll(overrides);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  /** A consumer without a group: it reads only what it is assigned. */
  static KafkaConsumer<String, String> consumer(BrokerCoreProcess broker) {
    return consumer(broker, Map.of());
  }

  /** A consumer with extra settings (e.g. a group.id), reading from the earliest offset. */
  static KafkaConsumer<String, String> consumer(
      BrokerCoreProcess broker, Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    config.putAll(overrides);
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }
}
