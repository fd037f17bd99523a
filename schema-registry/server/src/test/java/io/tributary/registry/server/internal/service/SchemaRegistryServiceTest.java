package io.tributary.registry.server.internal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.registry.server.internal.compat.CompatibilityLevel;
import io.tributary.registry.server.internal.store.RegistryRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The registry's state is the log's records applied: restarts and concurrent writers. */
class SchemaRegistryServiceTest {
  private final TestingRegistryLog log = new TestingRegistryLog();

  @Test
  void anInstanceStartedLaterRebuildsTheSameStateFromTheLog() {
    // given
    SchemaRegistryService first = started();
    RegisteredSchema a = first.register("a", SchemaRequest.of("\"string\""), false);
    first.register("b", SchemaRequest.of("\"string\""), false);
    first.register("a", SchemaRequest.of("[\"null\",\"string\"]"), false);
    first.deleteVersion("a", "1", false);
    first.settings().setConfig("b", "FULL", null);
    first.settings().setMode(null, "READONLY", false);

    // when
    SchemaRegistryService restarted = started();

    // then
    assertThat(restarted.subjects(null, false)).containsExactly("a", "b");
    assertThat(restarted.versions("a", false)).containsExactly(2);
    assertThat(restarted.versions("a", true)).containsExactly(1, 2);
    assertThat(restarted.version("b", "latest", false).id()).isEqualTo(a.id());
    assertThat(restarted.schema(2).schema()).isEqualTo("[\"null\",\"string\"]");
    assertThat(restarted.settings().config("b", false).level()).isEqualTo(CompatibilityLevel.FULL);
    assertThat(restarted.settings().modeInScope("a")).isEqualTo(Mode.READONLY);

    // and: ids continue after the largest
    restarted.settings().setMode(null, "READWRITE", false);
    assertThat(restarted.register("c", SchemaRequest.of("\"long\""), false).id()).isEqualTo(3);
  }

  @Test
  void concurrentRegistrationsGetDistinctIdsAndVersions() throws Exception {
    // given
    SchemaRegistryService service = started();
    service.settings().setConfig(null, "NONE", null);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<RegisteredSchema>> results = new ArrayList<>();

    // when
    try {
      for (int i = 0; i < 40; i++) {
        String schema = "{\"type\":\"fixed\",\"name\":\"F" + i + "\",\"size\":" + (i + 1) + "}";
        results.add(pool.submit(() -> service.register("s", SchemaRequest.of(schema), false)));
      }
      List<Integer> ids = new ArrayList<>();
      List<Integer> versions = new ArrayList<>();
      for (Future<RegisteredSchema> result : results) {
        ids.add(result.get().id());
        versions.add(result.get().version());
      }

      // then
      assertThat(ids).doesNotHaveDuplicates().hasSize(40);
      assertThat(versions).doesNotHaveDuplicates();
      assertThat(service.versions("s", false)).hasSize(40);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusalsAppendNothing() {
    // given
    SchemaRegistryService service = started();
    service.register("s", SchemaRequest.of("\"string\""), false);
    List<RegistryRecord> before = log.records();

    // when / then
    assertThatThrownBy(() -> service.register("s", SchemaRequest.of("\"int\""), false))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40901));
    assertThatThrownBy(() -> service.register("s", SchemaRequest.of("{"), false))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
    assertThatThrownBy(() -> service.settings().setConfig("s", "bogus", null))
        .isInstanceOfSatisfying(
            RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42203));
    assertThat(log.records()).isEqualTo(before);
  }

  private SchemaRegistryService started() {
    SchemaRegistryService service =
        new SchemaRegistryService(log.instance(), CompatibilityLevel.BACKWARD);
    service.start();
    return service;
  }
}
