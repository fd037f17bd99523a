package io.tributary.broker.testing;

import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * broker-core in-process on a free loopback port, for tests. Data lives in a directory this fixture
 * creates under {@code java.io.tmpdir} (unless given one) and deletes on close, unless the
 * directory was given.
 *
 * <p>{@link #restart()} stops the broker and starts it again on the same data directory and port.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private final Path dataDir;
  private final boolean ownsDataDir;
  private final Map<String, String> settings;
  private Broker broker;

  private EmbeddedBroker(Path dataDir, boolean ownsDataDir, Map<String, String> settings) {
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.settings = new HashMap<>(settings);
    this.settings.put(BrokerConfig.LOG_DIR_CONFIG, dataDir.toString());
    this.settings.putIfAbsent(BrokerConfig.LISTENERS_CONFIG, "PLAINTEXT://127.0.0.1:0");
    this.broker = Broker.start(new BrokerConfig(this.settings));
    this.settings.put(BrokerConfig.LISTENERS_CONFIG, "PLAINTEXT://127.0.0.1:" + broker.boundPort());
  }

  /** Starts a broker with default settings in a fresh temporary directory. */
  public static EmbeddedBroker start() {
    return start(Map.of());
  }

  /** Starts a broker with extra settings (Kafka broker config names). */
  public static EmbeddedBroker start(Map<String, String> settings) {
    try {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      Files.createDirectories(tmp);
      // Resolved now: Files.createTempDirectory(prefix) caches java.io.tmpdir at first use, which
      // may predate the test runner setting it.
      Path dir = Files.createTempDirectory(tmp, "broker-core-");
      return new EmbeddedBroker(dir, true, settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a broker on an existing data directory, which close() leaves in place. */
  public static EmbeddedBroker start(Path dataDir, Map<String, String> settings) {
    return new EmbeddedBroker(dataDir, false, settings);
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public int port() {
    return broker.port();
  }

  public Path dataDir() {
    return dataDir;
  }

  public Broker broker() {
    return broker;
  }

  /** Stops the broker (cleanly) without deleting its data. */
  public void stop() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  /**
   * Stops the broker as a crash would ({@link Broker#halt()}): no flush, no clean shutdown marker.
   * Follow with {@link #restart()} (or {@link #startAgain()}) to see it recover.
   */
  public void crash() {
    if (broker != null) {
      broker.halt();
      broker = null;
    }
  }

  /** Starts a stopped (or crashed) broker on the same data directory and port. */
  public void startAgain() {
    if (broker != null) {
      throw new IllegalStateException("The broker is running; stop() or crash() it first");
    }
    broker = Broker.start(new BrokerConfig(settings));
  }

  /** Starts the broker again on the same data directory and port. */
  public void restart() {
    stop();
    broker = Broker.start(new BrokerConfig(settings));
  }

  @Override
  public void close() {
    stop();
    if (ownsDataDir) {
      try (Stream<Path> walk = Files.walk(dataDir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
