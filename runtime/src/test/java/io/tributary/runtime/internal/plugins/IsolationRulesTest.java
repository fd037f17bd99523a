package io.tributary.runtime.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsolationRulesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "java.lang.String",
        "javax.sql.DataSource",
        "javax.xml.bind.JAXBContext",
        "javax.management.ObjectName",
        "org.w3c.dom.Document",
        "org.slf4j.Logger",
        "org.apache.kafka.connect.source.SourceConnector",
        "org.apache.kafka.connect.data.Struct",
        "org.apache.kafka.clients.producer.KafkaProducer",
        "org.apache.kafka.common.config.ConfigDef",
        "org.apache.kafka.connect.transforms.Transformation",
        "org.apache.kafka.connect.transforms.predicates.Predicate",
        "org.apache.kafka.common.config.provider.ConfigProvider",
        "org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy",
        "org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest$ClientType",
        "org.apache.kafka.connect.storage.Converter",
        "org.apache.kafka.connect.runtime.Worker"
      })
  void sharesTheJdkSlf4jAndTheConnectApiWithTheWorker(String className) {
    assertThat(IsolationRules.loadInIsolation(className)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "com.example.MyConnector",
        "io.debezium.connector.postgresql.PostgresConnector",
        "com.fasterxml.jackson.databind.ObjectMapper",
        "javax.inject2.Provider",
        "javax.ws.rsx.Foo",
        "org.apache.kafka.connect.file.FileStreamSourceConnector",
        "org.apache.kafka.connect.json.JsonConverter",
        "org.apache.kafka.connect.transforms.InsertField$Value",
        "org.apache.kafka.connect.transforms.predicates.TopicNameMatches",
        "org.apache.kafka.connect.transforms.util.SimpleConfig",
        "org.apache.kafka.connect.converters.ByteArrayConverter",
        "org.apache.kafka.connect.mirror.MirrorSourceConnector",
        "org.apache.kafka.common.config.provider.FileConfigProvider",
        "org.apache.kafka.connect.storage.StringConverter",
        "org.apache.kafka.connect.storage.SimpleHeaderConverter",
        "org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy"
      })
  void loadsPluginsAndTheirLibrariesFromThePluginFirst(String className) {
    assertThat(IsolationRules.loadInIsolation(className)).isTrue();
  }
}
