package io.tributary.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker as users run it: {@code tributary broker} in its own JVM from the packaged jar, told
 * to stop with SIGTERM (what Ctrl-C and service managers send).
 */
class BrokerCommandIT {
  private static final Duration STARTUP = Duration.ofSeconds(60);

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ALWAYS)
  Path tmp;

  @Test
  void printsWhereItListensServesClientsAndStopsCleanlyOnSigterm() throws Exception {
    // Given the broker started as a separate process on a free port
    Path dataDir = tmp.resolve("data");
    try (BrokerProcess broker =
        BrokerProcess.launch("--listen", "127.0.0.1:0", "--data-dir", dataDir.toString())) {
      // When it reports where it listens
      String bootstrap = broker.awaitListening(STARTUP);
      // Then a Kafka client can use it
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        admin
            .createTopics(List.of(new NewTopic("cli-topic", 2, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("cli-topic");
      }
      // And SIGTERM stops it cleanly (the JVM reports 128 + 15 for a SIGTERM exit)
      assertThat(broker.terminate(Duration.ofSeconds(30))).isIn(0, 143);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(broker.outputText()).contains("broker-core stopped"));
      assertThat(dataDir.resolve("topics").resolve("cli-topic.json")).exists();
    }
  }

  @Test
  void aBadListenAddressIsRejectedWithTheKeyAndTheFix() throws Exception {
    try (BrokerProcess broker =
        BrokerProcess.launch("--listen", "localhost:notaport", "--data-dir", tmp.toString())) {
      assertThat(broker.awaitExit(STARTUP)).isEqualTo(2);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(broker.outputText())
                      .contains("listeners")
                      .contains("notaport")
                      .contains("port must be a number"));
    }
  }

  @Test
  void aSecondBrokerOnTheSameDataDirectoryFailsFast() throws Exception {
    Path dataDir = tmp.resolve("shared");
    try (BrokerProcess first =
        BrokerProcess.launch("--listen", "127.0.0.1:0", "--data-dir", dataDir.toString())) {
      first.awaitListening(STARTUP);
      try (BrokerProcess second =
          BrokerProcess.launch("--listen", "127.0.0.1:0", "--data-dir", dataDir.toString())) {
        assertThat(second.awaitExit(STARTUP)).isNotZero();
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () -> assertThat(second.outputText()).contains("in use by another broker"));
      }
      first.terminate(Duration.ofSeconds(30));
    }
  }
}
