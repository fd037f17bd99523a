package io.tributary.broker;

import io.tributary.common.io.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * The broker's data directory: locked for the broker's lifetime (a second broker on the same
 * directory fails fast), with {@code meta.properties} holding the cluster id, created on first
 * start and kept across restarts.
 */
final class DataDirectory implements AutoCloseable {
  private static final String LOCK_FILE = ".lock";
  private static final String META_FILE = "meta.properties";

  private final FileChannel lockChannel;
  private final FileLock lock;
  private final String clusterId;

  private DataDirectory(FileChannel lockChannel, FileLock lock, String clusterId) {
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.clusterId = clusterId;
  }

  static DataDirectory open(Path dir) {
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel =
          FileChannel.open(
              dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new IllegalStateException(
            "The data directory "
                + dir.toAbsolutePath()
                + " is in use by another broker. Stop it, or give this one another directory"
                + " with --data-dir.");
      }
      return new DataDirectory(channel, lock, readOrCreateClusterId(dir));
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException(
          "Cannot use "
              + dir.toAbsolutePath()
              + " as the broker's data directory: "
              + e.getMessage()
              + ". Check that it is writable.",
          e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static String readOrCreateClusterId(Path dir) throws IOException {
    Path meta = dir.resolve(META_FILE);
    Properties properties = new Properties();
    if (Files.exists(meta)) {
      try (Reader reader = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      String id = properties.getProperty("cluster.id");
      if (id != null && !id.isBlank()) {
        return id;
      }
    }
    String id = Uuid.randomUuid().toString();
    properties.setProperty("version", "1");
    properties.setProperty("cluster.id", id);
    StringWriter writer = new StringWriter();
    properties.store(writer, "broker-core data directory");
    AtomicFiles.write(meta, writer.toString().getBytes(StandardCharsets.UTF_8));
    return id;
  }

  String clusterId() {
    return clusterId;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel releases the lock too.
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing more to do while closing.
      }
    }
  }
}
