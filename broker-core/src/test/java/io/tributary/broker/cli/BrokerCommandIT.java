package io.tributary.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker as users run it: {@code tributary broker} in its own JVM from the packaged jar, told
 * to stop with SIGTERM (what Ctrl-C and service managers send).
 */
class BrokerCommandIT {
  private static final Pattern LISTENING =
      Pattern.compile("broker-core is listening on (127\\.0\\.0\\.1:\\d+)");

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ALWAYS)
  Path tmp;

  @Test
  void printsWhereItListensServesClientsAndStopsCleanlyOnSigterm() throws Exception {
    // Given the broker started as a separate process on a free port
    Path dataDir = tmp.resolve("data");
    Process process = launch("--listen", "127.0.0.1:0", "--data-dir", dataDir.toString());
    List<String> output = capture(process);
    try {
      // When it reports where it listens
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> output.stream().anyMatch(l -> LISTENING.matcher(l).find()));
      String bootstrap = bootstrapFrom(output);
      // Then a Kafka client can use it
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        admin
            .createTopics(List.of(new NewTopic("cli-topic", 2, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("cli-topic");
      }
      // And SIGTERM stops it cleanly (the JVM reports 128 + 15 for a SIGTERM exit)
      process.toHandle().destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isIn(0, 143);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(String.join("\n", output)).contains("broker-core stopped"));
      assertThat(dataDir.resolve("topics").resolve("cli-topic.json")).exists();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void aBadListenAddressIsRejectedWithTheKeyAndTheFix() throws Exception {
    Process process = launch("--listen", "localhost:notaport", "--data-dir", tmp.toString());
    List<String> output = capture(process);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(String.join("\n", output))
                    .contains("listeners")
                    .contains("notaport")
                    .contains("port must be a number"));
  }

  @Test
  void aSecondBrokerOnTheSameDataDirectoryFailsFast() throws Exception {
    Path dataDir = tmp.resolve("shared");
    Process first = launch("--listen", "127.0.0.1:0", "--data-dir", dataDir.toString());
    List<String> firstOutput = capture(first);
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> firstOutput.stream().anyMatch(l -> LISTENING.matcher(l).find()));
      Process second = launch("--listen", "127.0.0.1:0", "--data-dir", dataDir.toString());
      List<String> secondOutput = capture(second);
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isNotZero();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(String.join("\n", secondOutput)).contains("in use by another broker"));
    } finally {
      first.destroy();
      first.waitFor(30, TimeUnit.SECONDS);
      first.destroyForcibly();
    }
  }

  private static String bootstrapFrom(List<String> output) {
    for (String line : output) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    throw new AssertionError("no listening line in " + output);
  }

  private Process launch(String... args) throws IOException {
    Path jar = Path.of("target").toAbsolutePath();
    String classpath =
        Files.list(jar)
                .filter(p -> p.getFileName().toString().matches("broker-core-.*\\.jar"))
                .filter(p -> !p.getFileName().toString().contains("tests"))
                .findFirst()
                .orElseThrow(
                    () -> new AssertionError("package the module first: no jar in target/"))
            + java.io.File.pathSeparator
            + jar.resolve("lib").resolve("*");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classpath);
    command.add(BrokerCommand.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static List<String> capture(Process process) {
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("<output closed: " + e + ">");
              }
            });
    reader.setDaemon(true);
    reader.start();
    return lines;
  }
}
