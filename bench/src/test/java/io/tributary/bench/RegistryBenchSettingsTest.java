package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RegistryBenchSettingsTest {

  @Test
  void defaults() {
    RegistryBenchSettings settings = RegistryBenchSettings.parse(new String[] {"--root", "/repo"});

    assertThat(settings.rounds()).isEqualTo(1);
    assertThat(settings.schemas()).isEqualTo(1000);
    assertThat(settings.clients()).isEqualTo(8);
    assertThat(settings.lookups()).isEqualTo(2000);
    assertThat(settings.records()).isEqualTo(500_000);
    assertThat(settings.warmupRecords()).isEqualTo(100_000);
    assertThat(settings.brokerCoreTarget()).isEqualTo(Path.of("/repo/broker-core/target"));
    assertThat(settings.workDir()).isEqualTo(Path.of("/repo/bench/target/registry-bench"));
  }

  @Test
  void optionsOverrideTheDefaults() {
    RegistryBenchSettings settings =
        RegistryBenchSettings.parse(
            new String[] {
              "--rounds", "3",
              "--schemas", "1_000",
              "--records", "50,000",
              "--clients", "4",
              "--lookups", "500",
              "--work-dir", "/tmp/rb"
            });

    assertThat(settings.rounds()).isEqualTo(3);
    assertThat(settings.schemas()).isEqualTo(1000);
    assertThat(settings.records()).isEqualTo(50_000);
    assertThat(settings.warmupRecords()).isEqualTo(50_000);
    assertThat(settings.clients()).isEqualTo(4);
    assertThat(settings.lookups()).isEqualTo(500);
    assertThat(settings.workDir()).isEqualTo(Path.of("/tmp/rb"));
  }

  @Test
  void badValuesAreRejectedWithTheOptionsName() {
    assertThatThrownBy(() -> RegistryBenchSettings.parse(new String[] {"--schemas", "many"}))
        .hasMessageContaining("--schemas")
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> RegistryBenchSettings.parse(new String[] {"--rounds", "0"}))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> RegistryBenchSettings.parse(new String[] {"--records"}))
        .hasMessageContaining("Missing value after --records");
    assertThatThrownBy(() -> RegistryBenchSettings.parse(new String[] {"--systems", "x"}))
        .hasMessageContaining("Unknown option --systems")
        .hasMessageContaining("Usage: bench/run-registry-bench");
    assertThatThrownBy(() -> RegistryBenchSettings.parse(new String[] {"--lookups", "99999999999"}))
        .hasMessageContaining("too large");
  }
}
