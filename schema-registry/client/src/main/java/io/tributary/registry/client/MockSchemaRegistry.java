package io.tributary.registry.client;

import io.tributary.registry.client.internal.InMemorySchemaRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-memory registries for tests, one per scope, selected by {@code
 * schema.registry.url=mock://<scope>}: every serializer, deserializer and converter configured with
 * the same scope in one JVM shares one registry (ids and versions as a real registry assigns them;
 * no compatibility checks). Thread-safe.
 */
public final class MockSchemaRegistry {
  /** The URL scheme that selects an in-memory registry. */
  public static final String MOCK_URL_PREFIX = "mock://";

  private static final ConcurrentMap<String, SchemaRegistryClient> SCOPES =
      new ConcurrentHashMap<>();

  private MockSchemaRegistry() {}

  /** The registry of {@code scope}, created empty on first use. */
  public static SchemaRegistryClient getClientForScope(String scope) {
    return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry());
  }

  /** Forgets {@code scope}'s registry; the next use starts empty. */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }
}
