package io.tributary.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.registry.client.SchemaRegistryClient;
import io.tributary.registry.client.SchemaRegistryClients;
import io.tributary.registry.server.testing.EmbeddedRegistry;
import io.tributary.runtime.testing.ApacheKafkaProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry keeps its schemas on a real Apache Kafka broker (started from the Maven jars) as it
 * does on broker-core: a compacted {@code _schemas} topic, a leader elected through Kafka's group
 * coordinator, and ids and versions that survive a restart of the registry.
 */
class RegistryOnApacheKafkaIT {
  @TempDir Path dir;

  @Test
  void schemasLiveInACompactedTopicOnApacheKafkaAndSurviveARestart() throws Exception {
    Schema v1 = SchemaBuilder.record("Order").fields().requiredLong("id").endRecord();
    Schema v2 =
        SchemaBuilder.record("Order")
            .fields()
            .requiredLong("id")
            .name("note")
            .type()
            .stringType()
            .stringDefault("")
            .endRecord();
    try (ApacheKafkaProcess kafka = ApacheKafkaProcess.start(dir.resolve("kafka"))) {
      int id1;
      int id2;
      try (EmbeddedRegistry registry = EmbeddedRegistry.start(kafka.bootstrapServers());
          SchemaRegistryClient client = client(registry)) {
        await().atMost(Duration.ofSeconds(60)).until(registry::isLeader);
        id1 = client.register("orders-value", v1);
        id2 = client.register("orders-value", v2);
        assertThat(id2).isNotEqualTo(id1);
      }

      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "_schemas");
        Config config =
            admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
      }

      try (EmbeddedRegistry restarted = EmbeddedRegistry.start(kafka.bootstrapServers());
          SchemaRegistryClient client = client(restarted)) {
        assertThat(client.getSchemaMetadata("orders-value", 1).id()).isEqualTo(id1);
        assertThat(client.getSchemaMetadata("orders-value", 2).id()).isEqualTo(id2);
        assertThat(client.getSchemaById(id2)).isEqualTo(v2);
        await().atMost(Duration.ofSeconds(60)).until(restarted::isLeader);
        assertThat(client.register("orders-value", v2)).isEqualTo(id2);
      }
    }
  }

  private static SchemaRegistryClient client(EmbeddedRegistry registry) {
    return SchemaRegistryClients.fromConfig(
        Map.of("schema.registry.url", registry.url().toString()));
  }
}
