package io.tributary.broker.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.internal.log.TopicConfigs;
import io.tributary.broker.testing.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.junit.jupiter.api.Test;

/**
 * docs/broker.md stays true: its config tables are generated from {@link BrokerConfig#definition()}
 * and {@link TopicConfigs}, its API table from what a running broker announces in ApiVersions. The
 * test fails when the page is stale; {@code mvn verify -Ddocs.update=true} rewrites the generated
 * sections (between the {@code <!-- generated:... -->} markers) in place.
 */
class BrokerDocsIT {
  private static final Path PAGE = Path.of("").toAbsolutePath().resolveSibling("docs/broker.md");

  @Test
  void docsBrokerMdIsUpToDate() throws Exception {
    String page = Files.readString(PAGE, StandardCharsets.UTF_8);
    String expected = page;
    expected = replaceSection(expected, "broker-configs", brokerConfigTable());
    expected = replaceSection(expected, "topic-configs", topicConfigTable());
    expected = replaceSection(expected, "apis", apiTable());
    if (!expected.equals(page) && Boolean.getBoolean("docs.update")) {
      Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
      page = expected;
    }
    assertThat(page)
        .as("docs/broker.md is stale; run mvn verify -pl broker-core -Ddocs.update=true")
        .isEqualTo(expected);
  }

  private static String replaceSection(String page, String name, String content) {
    String start = "<!-- generated:" + name + ":start -->\n";
    String end = "<!-- generated:" + name + ":end -->";
    int from = page.indexOf(start);
    int to = page.indexOf(end);
    assertThat(from).as("marker %s in docs/broker.md", start.trim()).isGreaterThanOrEqualTo(0);
    assertThat(to).as("marker %s in docs/broker.md", end).isGreaterThan(from);
    return page.substring(0, from + start.length()) + content + page.substring(to);
  }

  private static String brokerConfigTable() {
    StringBuilder table =
        new StringBuilder("| Key | Type | Default | Valid values | Description |\n")
            .append("| --- | --- | --- | --- | --- |\n");
    for (ConfigKey key : new TreeMap<>(BrokerConfig.definition().configKeys()).values()) {
      table
          .append("| `")
          .append(key.name)
          .append("` | ")
          .append(key.type.name().toLowerCase())
          .append(" | ")
          .append(code(defaultOf(key)))
          .append(" | ")
          .append(cell(key.validator == null ? "" : key.validator.toString()))
          .append(" | ")
          .append(cell(key.documentation))
          .append(" |\n");
    }
    return table.toString();
  }

  private static String topicConfigTable() {
    StringBuilder table =
        new StringBuilder(
                "| Key | Type | Default | Broker default from | Valid values | Description |\n")
            .append("| --- | --- | --- | --- | --- | --- |\n");
    for (TopicConfigs.Key key : TopicConfigs.keys()) {
      ConfigKey def = TopicConfigs.definition().configKeys().get(key.name());
      table
          .append("| `")
          .append(key.name())
          .append("` | ")
          .append(key.type().name().toLowerCase())
          .append(" | ")
          .append(code(defaultOf(def)))
          .append(" | `")
          .append(key.brokerName())
          .append("` | ")
          .append(cell(def.validator == null ? "" : def.validator.toString()))
          .append(" | ")
          .append(cell(key.doc()))
          .append(" |\n");
    }
    return table.toString();
  }

  private static String apiTable() {
    List<ApiVersion> versions = new ArrayList<>();
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        RawClient client = RawClient.connect(broker.bootstrapServers())) {
      ApiVersionsResponse response = client.send(new ApiVersionsRequest.Builder().build((short) 3));
      response.data().apiKeys().forEach(versions::add);
    }
    versions.sort((a, b) -> Short.compare(a.apiKey(), b.apiKey()));
    StringBuilder table =
        new StringBuilder("| API | Key | Versions |\n").append("| --- | --- | --- |\n");
    for (ApiVersion version : versions) {
      table
          .append("| ")
          .append(ApiKeys.forId(version.apiKey()).name)
          .append(" | ")
          .append(version.apiKey())
          .append(" | ")
          .append(version.minVersion())
          .append("–")
          .append(version.maxVersion())
          .append(" |\n");
    }
    return table.toString();
  }

  private static String defaultOf(ConfigKey key) {
    if (!key.hasDefault() || key.defaultValue == null) {
      return "";
    }
    return ConfigDef.convertToString(key.defaultValue, key.type);
  }

  private static String code(String value) {
    return value.isEmpty() ? "" : "`" + value + "`";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
