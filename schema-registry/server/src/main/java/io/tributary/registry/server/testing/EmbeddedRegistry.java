package io.tributary.registry.server.testing;

import io.tributary.registry.server.RegistryConfig;
import io.tributary.registry.server.RegistryServer;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A schema registry instance in-process for tests: REST on a free loopback port, schemas in the
 * {@code _schemas} topic of the Kafka cluster at the given bootstrap address. AutoCloseable.
 *
 * <p>Store timeouts default to 10 s (Confluent's 500 ms is tight on a busy test machine); any
 * {@link RegistryConfig} key can be overridden. Several instances on one cluster share the topic
 * and elect one leader.
 */
public final class EmbeddedRegistry implements AutoCloseable {
  private final RegistryServer server;

  private EmbeddedRegistry(RegistryServer server) {
    this.server = server;
  }

  /** Starts an instance against {@code bootstrapServers} with the fixture's defaults. */
  public static EmbeddedRegistry start(String bootstrapServers) {
    return start(bootstrapServers, Map.of());
  }

  /** Starts an instance with extra settings ({@link RegistryConfig} keys). */
  public static EmbeddedRegistry start(String bootstrapServers, Map<String, String> overrides) {
    Map<String, String> props = new HashMap<>();
    props.put(RegistryConfig.LISTENERS_CONFIG, "http://127.0.0.1:0");
    props.put(RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(RegistryConfig.KAFKASTORE_TIMEOUT_MS_CONFIG, "10000");
    props.put(RegistryConfig.KAFKASTORE_INIT_TIMEOUT_MS_CONFIG, "30000");
    props.putAll(overrides);
    return new EmbeddedRegistry(RegistryServer.start(new RegistryConfig(props)));
  }

  /** The instance's REST base URL, such as {@code http://127.0.0.1:40123}. */
  public URI url() {
    return server.url();
  }

  /** Whether this instance leads now. */
  public boolean isLeader() {
    return server.isLeader();
  }

  /** The leader's URL as this instance knows it. */
  public Optional<URI> leaderUrl() {
    return server.leaderUrl();
  }

  public RegistryServer server() {
    return server;
  }

  @Override
  public void close() {
    server.close();
  }
}
