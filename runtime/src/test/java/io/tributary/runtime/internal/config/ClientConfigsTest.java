package io.tributary.runtime.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.internal.status.ConnectorTaskId;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.health.ConnectorType;
import org.junit.jupiter.api.Test;

class ClientConfigsTest {
  private static final ConnectorTaskId TASK = new ConnectorTaskId("conn", 2);

  private static ClientConfigs clientConfigs(String policy) {
    Map<String, String> settings = new HashMap<>();
    settings.put("bootstrap.servers", "host:1234");
    settings.put("security.protocol", "SASL_SSL");
    settings.put("producer.linger.ms", "7");
    settings.put("consumer.max.poll.records", "42");
    settings.put(WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG, policy);
    WorkerConfig worker = new WorkerConfig(settings);
    return new ClientConfigs(worker, ClientConfigs.policy(worker, new ClasspathTestPlugins()));
  }

  @Test
  void sourceProducerHasConnectDefaultsWithIdempotenceAndWorkerSettings() {
    Map<String, Object> props =
        clientConfigs("All").sourceProducer(TASK, Map.of("producer.override.batch.size", "1000"));

    assertThat(props)
        .containsEntry("bootstrap.servers", "host:1234")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("max.in.flight.requests.per.connection", "5")
        .containsEntry("max.block.ms", Long.toString(Long.MAX_VALUE))
        .containsEntry("delivery.timeout.ms", Integer.toString(Integer.MAX_VALUE))
        .containsEntry("linger.ms", "7")
        .containsEntry("batch.size", "1000")
        .containsEntry("client.id", "connector-producer-conn-2")
        .doesNotContainKey("max.poll.records")
        .doesNotContainKey("producer.linger.ms");
  }

  @Test
  void sourceProducerBatchesByDefaultUnlessTheWorkerSaysOtherwise() {
    Map<String, Object> props = clientConfigs("All").sourceProducer(TASK, Map.of());

    assertThat(props).containsEntry("batch.size", "65536").containsEntry("linger.ms", "7");
  }

  @Test
  void sinkConsumerJoinsTheConnectorsGroup() {
    Map<String, Object> props = clientConfigs("All").sinkConsumer(TASK, Map.of());

    assertThat(props)
        .containsEntry("group.id", "connect-conn")
        .containsEntry("enable.auto.commit", "false")
        .containsEntry("auto.offset.reset", "earliest")
        .containsEntry("max.poll.records", "42")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("client.id", "connector-consumer-conn-2");
  }

  @Test
  void overridesOutsideThePolicyAreRejectedNamingKeyAndPolicy() {
    assertThatThrownBy(
            () ->
                clientConfigs("None")
                    .sinkConsumer(TASK, Map.of("consumer.override.max.poll.records", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("consumer.override.max.poll.records")
        .hasMessageContaining("The 'None' policy does not allow 'max.poll.records'");
  }

  @Test
  void principalPolicyAllowsOnlySecuritySettings() {
    ClientConfigs principal = clientConfigs("Principal");

    assertThat(
            principal.admin(
                TASK, Map.of("admin.override.sasl.mechanism", "PLAIN"), ConnectorType.SOURCE))
        .containsEntry("sasl.mechanism", "PLAIN");
    assertThatThrownBy(
            () ->
                principal.admin(TASK, Map.of("admin.override.retries", "1"), ConnectorType.SOURCE))
        .hasMessageContaining("'Principal' policy");
  }
}
