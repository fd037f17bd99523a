package io.tributary.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryTest {
  private static final String SCOPE = "mock-registry-test";
  private static final Schema A = Schema.createFixed("A", null, "t", 1);
  private static final Schema B = Schema.createFixed("B", null, "t", 1);

  @AfterEach
  void drop() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void idsAreSharedAcrossSubjectsAndVersionsCountPerSubject() {
    SchemaRegistryClient registry = MockSchemaRegistry.getClientForScope(SCOPE);

    int a = registry.register("s1", A);
    int again = registry.register("s1", new Schema.Parser().parse(A.toString()));
    int b = registry.register("s1", B);
    int aElsewhere = registry.register("s2", A);

    assertThat(again).isEqualTo(a);
    assertThat(b).isNotEqualTo(a);
    assertThat(aElsewhere).isEqualTo(a);
    assertThat(registry.getAllVersions("s1")).containsExactly(1, 2);
    assertThat(registry.getSchemaMetadata("s1", 2).id()).isEqualTo(b);
    assertThat(registry.getVersion("s2", A)).isEqualTo(1);
    assertThat(registry.getAllSubjects()).containsExactly("s1", "s2");
  }

  @Test
  void missingThingsGetTheRegistryErrorCodes() {
    SchemaRegistryClient registry = MockSchemaRegistry.getClientForScope(SCOPE);
    registry.register("s1", A);

    assertThatThrownBy(() -> registry.getLatestSchemaMetadata("nope"))
        .isInstanceOfSatisfying(
            RestClientException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    assertThatThrownBy(() -> registry.getSchemaMetadata("s1", 5))
        .isInstanceOfSatisfying(
            RestClientException.class, e -> assertThat(e.errorCode()).isEqualTo(40402));
    assertThatThrownBy(() -> registry.getId("s1", B))
        .isInstanceOfSatisfying(
            RestClientException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    assertThatThrownBy(() -> registry.getSchemaById(77))
        .isInstanceOfSatisfying(
            RestClientException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
  }

  @Test
  void aDeletedSubjectRegisteredAgainContinuesItsVersions() {
    SchemaRegistryClient registry = MockSchemaRegistry.getClientForScope(SCOPE);
    registry.register("s1", A);

    assertThat(registry.deleteSubject("s1")).containsExactly(1);
    assertThat(registry.getAllSubjects()).isEmpty();
    registry.register("s1", A);

    assertThat(registry.getAllVersions("s1")).containsExactly(2);
  }

  @Test
  void clientsConfiguredWithTheSameScopeShareOneRegistry() {
    SchemaRegistryClient first =
        SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", "mock://" + SCOPE));
    SchemaRegistryClient second =
        SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", "mock://" + SCOPE));

    int id = first.register("s", A);

    assertThat(second.getSchemaById(id)).isEqualTo(A);
  }
}
