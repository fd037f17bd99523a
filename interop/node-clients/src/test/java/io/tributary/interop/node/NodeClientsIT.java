package io.tributary.interop.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.broker.testing.EmbeddedBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka clients that share no code with kafka-clients negotiate versions with broker-core and work:
 * kafkajs 2.x (a pure JavaScript protocol implementation) and librdkafka (the C client behind kcat,
 * confluent-kafka-python/go/dotnet), through node-rdkafka, which builds librdkafka from the sources
 * in its npm package.
 *
 * <p>Needs Node.js, npm and a C/C++ toolchain; the packages come from the npm registry into target/
 * with the committed lock file (the librdkafka build takes a few minutes the first time).
 */
class NodeClientsIT {
  private static final Path WORK = Path.of("target", "node-clients");
  private static EmbeddedBroker broker;

  @BeforeAll
  static void installClientsAndStartBroker() throws Exception {
    Files.createDirectories(WORK);
    for (String file : List.of("package.json", "package-lock.json", "kafkajs.js", "rdkafka.js")) {
      Files.copy(
          Path.of("src", "test", "node", file),
          WORK.resolve(file),
          StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(WORK.resolve("node_modules").resolve("node-rdkafka").resolve("build"))) {
      run(List.of("npm", "ci", "--no-audit", "--no-fund"), 900);
    }
    broker = EmbeddedBroker.start(Map.of("group.initial.rebalance.delay.ms", "0"));
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void kafkajsProducesAndConsumesInAGroup() throws Exception {
    // When kafkajs creates a topic, produces 2,000 messages (half gzip) and consumes them in a
    // group
    JsonNode result = runClient("kafkajs.js", "kafkajs-topic", 2000);
    // Then it saw three partitions and every message exactly once
    assertThat(result.get("partitions").asInt()).isEqualTo(3);
    assertThat(result.get("consumed").asInt()).isEqualTo(2000);
    assertThat(result.get("duplicates").asInt()).isZero();
  }

  @Test
  void librdkafkaProducesIdempotentlyAndConsumesInAGroup() throws Exception {
    // When librdkafka creates a topic, produces 2,000 messages (idempotent, acks=all, lz4) and
    // consumes them in a group
    JsonNode result = runClient("rdkafka.js", "rdkafka-topic", 2000);
    // Then every message was acknowledged and consumed exactly once
    assertThat(result.get("acked").asInt()).isEqualTo(2000);
    assertThat(result.get("consumed").asInt()).isEqualTo(2000);
    assertThat(result.get("duplicates").asInt()).isZero();
  }

  private static JsonNode runClient(String script, String topic, int count) throws Exception {
    String output =
        run(
            List.of("node", script, broker.bootstrapServers(), topic, Integer.toString(count)),
            120);
    String[] lines = output.strip().split("\n");
    return new ObjectMapper().readTree(lines[lines.length - 1]);
  }

  private static String run(List<String> command, int timeoutSeconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(WORK.toAbsolutePath(), "run-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(WORK.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("KAFKAJS_NO_PARTITIONER_WARNING", "1");
    Process process = builder.start();
    boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("%s finished in time; output:%n%s", command, output).isTrue();
    assertThat(process.exitValue()).as("%s exit code; output:%n%s", command, output).isZero();
    return output;
  }
}
