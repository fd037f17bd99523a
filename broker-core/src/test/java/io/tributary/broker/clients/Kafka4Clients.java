package io.tributary.broker.clients;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the Kafka 4.x clients jar (copied to {@code target/kafka4} by the build) in its own class
 * loader: Kafka's classes come from that jar, everything else (slf4j, compression libraries) from
 * the test class path.
 */
final class Kafka4Clients {
  static final Path JAR = Path.of("target", "kafka4", "kafka-clients.jar");

  private Kafka4Clients() {}

  static ClassLoader classLoader() {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath() + " is missing; run the build (process-test-classes) first");
    }
    try {
      return new KafkaFirstClassLoader(
          new URL[] {JAR.toUri().toURL()}, Kafka4Clients.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Child-first for org.apache.kafka, parent-first for the rest. */
  private static final class KafkaFirstClassLoader extends URLClassLoader {
    KafkaFirstClassLoader(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("org.apache.kafka.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          loaded = findClass(name);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }

    @Override
    public URL getResource(String name) {
      URL own = findResource(name);
      return own != null ? own : super.getResource(name);
    }
  }
}
