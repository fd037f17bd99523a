package io.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code bin/tributary start} with no arguments runs: the quickstart's worker config, its log
 * connectors and its database-to-warehouse connectors, with the sample logs copied into the data
 * directory.
 */
class QuickstartTest {
  static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path data;

  @AfterEach
  void clearHome() {
    System.clearProperty(Quickstart.HOME_PROPERTY);
  }

  @Test
  void addsTheLogAndTheWarehousePipelines() throws Exception {
    // Given the checkout as Tributary's home and an empty data directory
    System.setProperty(Quickstart.HOME_PROPERTY, HOME.toString());
    StartCommand command = new StartCommand();
    command.dataDir = data;

    // When the quickstart is added
    Quickstart.addTo(command);

    // Then the worker config and both folders' connectors are used, logs first
    Path quickstart = HOME.resolve("configs").resolve("quickstart");
    assertThat(command.configFile).isEqualTo(quickstart.resolve("worker.json"));
    List<String> names =
        command.connectorFiles.stream()
            .map(f -> f.getParent().getFileName() + "/" + f.getFileName())
            .toList();
    assertThat(names)
        .containsExactly(
            "connectors/access-logs.json",
            "connectors/app-logs.json",
            "connectors/logs-out.json",
            "warehouse/shop-orders-source.json",
            "warehouse/shop-orders-to-warehouse.json");
    assertThat(data.resolve("logs").resolve("access.log")).exists();
    assertThat(Files.exists(quickstart.resolve("warehouse").resolve("shop.sql"))).isTrue();
  }
}
