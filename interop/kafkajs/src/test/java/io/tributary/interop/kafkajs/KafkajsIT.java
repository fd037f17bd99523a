package io.tributary.interop.kafkajs;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kafkajs 2.x, a client with its own protocol implementation (no kafka-clients code), negotiates
 * versions with broker-core and runs admin, produce (plain and gzip) and a consumer group.
 *
 * <p>Needs Node.js and npm (kafkajs is installed from the npm registry into target/ with the
 * committed lock file).
 */
class KafkajsIT {
  private static final Path WORK = Path.of("target", "kafkajs");

  @BeforeAll
  static void installKafkajs() throws Exception {
    Files.createDirectories(WORK);
    for (String file : List.of("package.json", "package-lock.json", "interop.js")) {
      Files.copy(
          Path.of("src", "test", "node", file),
          WORK.resolve(file),
          StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(WORK.resolve("node_modules").resolve("kafkajs"))) {
      run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
    }
  }

  @Test
  void kafkajsProducesAndConsumesInAGroup() throws Exception {
    // Given broker-core
    try (EmbeddedBroker broker =
        EmbeddedBroker.start(Map.of("group.initial.rebalance.delay.ms", "0"))) {
      // When kafkajs creates a topic, produces 2,000 messages (half gzip) and consumes them in a
      // group
      String output =
          run(
              List.of("node", "interop.js", broker.bootstrapServers(), "kafkajs-topic", "2000"),
              120);
      // Then it saw three partitions and every message exactly once
      JsonNode result = new ObjectMapper().readTree(lastLine(output));
      assertThat(result.get("partitions").asInt()).isEqualTo(3);
      assertThat(result.get("consumed").asInt()).isEqualTo(2000);
      assertThat(result.get("duplicates").asInt()).isZero();
    }
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1];
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
