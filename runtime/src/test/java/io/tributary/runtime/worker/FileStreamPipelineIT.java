package io.tributary.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.runtime.testing.TestingRestClient.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Apache's FileStreamSource and FileStreamSink, a third-party plugin loaded from a plugin.path
 * directory, run a file -> topic -> file pipeline on broker-core, created over REST.
 */
class FileStreamPipelineIT extends BaseFileStreamIT {
  @Test
  void jsonWithoutSchemasCopiesTheFileLineForLine() throws Exception {
    // Given an input file and a source and a sink created over REST, JSON without schemas
    Path input = dir.resolve("in.txt");
    Path output = dir.resolve("out.txt");
    List<String> first = lines("line", 0, 1000);
    append(input, first);
    assertThat(rest.post("/connectors", connector("src", source(input, "lines", "false"))).status())
        .isEqualTo(201);
    Response created = rest.post("/connectors", connector("snk", sink(output, "lines", "false")));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("type").asText()).isEqualTo("sink");

    // Then every line arrives in the output, in order
    await().atMost(TIMEOUT).until(() -> read(output).size() >= first.size());
    assertThat(read(output)).containsExactlyElementsOf(first);

    // And lines appended later follow
    List<String> more = lines("line", 1000, 500);
    append(input, more);
    await().atMost(TIMEOUT).until(() -> read(output).size() >= 1500);
    assertThat(read(output)).endsWith(more.toArray(String[]::new)).hasSize(1500);

    // And the worker reports both connectors running, with the topics they use
    awaitState("src", "RUNNING");
    awaitState("snk", "RUNNING");
    assertThat(rest.get("/connectors/src/topics").body().path("src").path("topics"))
        .extracting(JsonNode::asText)
        .containsExactly("lines");
    assertThat(rest.get("/connectors").body())
        .extracting(JsonNode::asText)
        .containsExactly("snk", "src");
  }

  @Test
  void jsonWithSchemasThroughATransformChain() throws Exception {
    // Given a source that wraps each line in a struct, adds a field and renames the topic
    Path input = dir.resolve("in.txt");
    Path output = dir.resolve("out.txt");
    append(input, lines("row", 0, 200));
    Map<String, String> source = source(input, "raw", "true");
    source.put("transforms", "hoist,origin,route");
    source.put("transforms.hoist.type", "org.apache.kafka.connect.transforms.HoistField$Value");
    source.put("transforms.hoist.field", "line");
    source.put("transforms.origin.type", "org.apache.kafka.connect.transforms.InsertField$Value");
    source.put("transforms.origin.static.field", "origin");
    source.put("transforms.origin.static.value", "it");
    source.put("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
    source.put("transforms.route.regex", "raw");
    source.put("transforms.route.replacement", "structured");
    // and a sink reading the renamed topic with schemas, dropping rows ending in 7 by a predicate
    Map<String, String> sink = sink(output, "structured", "true");
    sink.put("transforms", "unwrap");
    sink.put("transforms.unwrap.type", "org.apache.kafka.connect.transforms.ExtractField$Value");
    sink.put("transforms.unwrap.field", "line");
    sink.put("predicates", "always");
    sink.put(
        "predicates.always.type",
        "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
    sink.put("predicates.always.pattern", "struct.*");
    sink.put("transforms.unwrap.predicate", "always");

    // When both are created
    assertThat(rest.post("/connectors", connector("src", source)).status()).isEqualTo(201);
    assertThat(rest.post("/connectors", connector("snk", sink)).status()).isEqualTo(201);

    // Then the sink gets the original lines back out of the structs, through both chains
    await().atMost(TIMEOUT).until(() -> read(output).size() >= 200);
    assertThat(read(output)).containsExactlyElementsOf(lines("row", 0, 200));
    assertThat(rest.get("/connectors/src/topics").body().path("src").path("topics"))
        .extracting(JsonNode::asText)
        .containsExactly("structured");
  }

  @Test
  void configProviderReferencesAreResolvedForTheConnectorButNeverShown() throws Exception {
    // Given the input file's path kept in a properties file, referenced through the file provider
    Path input = dir.resolve("secret-input.txt");
    Path output = dir.resolve("out.txt");
    append(input, lines("s", 0, 10));
    Path secrets = dir.resolve("secrets.properties");
    Files.writeString(secrets, "input.file=" + input + "\n");
    Map<String, String> source = source(input, "refs", "false");
    String reference = "${file:" + secrets + ":input.file}";
    source.put("file", reference);

    // When the connectors are created
    assertThat(rest.post("/connectors", connector("src", source)).status()).isEqualTo(201);
    assertThat(rest.post("/connectors", connector("snk", sink(output, "refs", "false"))).status())
        .isEqualTo(201);

    // Then the source read the file the reference points to
    await().atMost(TIMEOUT).until(() -> read(output).size() == 10);
    // and the REST API shows the reference, not the resolved value
    assertThat(rest.get("/connectors/src/config").body().path("file").asText())
        .isEqualTo(reference);
  }
}
