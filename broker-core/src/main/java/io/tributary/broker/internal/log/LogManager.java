package io.tributary.broker.internal.log;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.common.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All topics and their partition logs under one data directory.
 *
 * <p>Layout: {@code <data>/topics/<topic>.json} holds a topic's id, partition count and config
 * overrides (written atomically, so it is the commit point of a create or alter); {@code
 * <data>/<topic>-<partition>/} holds a partition's segments. On start, partition directories
 * without a topic file (a create or delete interrupted by a crash) are removed.
 *
 * <p>Clean shutdown: {@link #close()} writes {@code <data>/.clean_shutdown} after every log is
 * flushed and closed; {@link #open} notes and removes it before loading, so a crash at any later
 * point leaves no marker and the next start recovers each log's tail (see {@link LogRecovery}).
 *
 * <p>Background work ({@link #startBackgroundTasks}): a periodic retention check
 * (log.retention.check.interval.ms), a periodic flush.ms check, and the {@link LogCleaner} thread
 * for compacted topics.
 *
 * <p>Thread-safety: metadata changes are serialised by this object's lock; lookups are lock-free.
 */
public final class LogManager implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(LogManager.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPICS_DIR = "topics";
  static final String CLEAN_SHUTDOWN_FILE = ".clean_shutdown";

  private final Path dataDir;
  private final Clock clock;
  private final Function<Map<String, String>, LogConfig> configResolver;
  private final Map<String, TopicInfo> topics = new ConcurrentHashMap<>();
  private final Map<Uuid, TopicInfo> topicsById = new ConcurrentHashMap<>();
  private final Map<TopicPartition, PartitionLog> logs = new ConcurrentHashMap<>();
  private final List<AppendListener> appendListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
  private boolean cleanShutdown;
  private LogCleaner cleaner;

  /**
   * Settings of the background work.
   *
   * @param retentionCheckIntervalMs how often retention runs (log.retention.check.interval.ms)
   * @param flushCheckIntervalMs how often flush.ms is checked (log.flush.scheduler.interval.ms)
   * @param cleanerEnabled whether compacted topics are cleaned (log.cleaner.enable)
   * @param cleanerBackoffMs how long the cleaner sleeps when no log needs it
   *     (log.cleaner.backoff.ms)
   */
  public record BackgroundSettings(
      long retentionCheckIntervalMs,
      long flushCheckIntervalMs,
      boolean cleanerEnabled,
      long cleanerBackoffMs) {}

  /** Told after every successful append (e.g. to complete waiting fetches). */
  public interface AppendListener {
    void appended(TopicPartition partition);
  }

  /** The persisted form of a topic. */
  private record TopicFile(String id, int partitions, Map<String, String> configs) {}

  private LogManager(
      Path dataDir, Clock clock, Function<Map<String, String>, LogConfig> configResolver) {
    this.dataDir = requireNonNull(dataDir, "dataDir is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.configResolver = requireNonNull(configResolver, "configResolver is null");
  }

  /**
   * Opens the data directory, loading every topic found there.
   *
   * @param configResolver turns a topic's config overrides into the log settings (broker defaults
   *     filled in)
   */
  public static LogManager open(
      Path dataDir, Clock clock, Function<Map<String, String>, LogConfig> configResolver)
      throws IOException {
    LogManager manager = new LogManager(dataDir, clock, configResolver);
    manager.load();
    return manager;
  }

  private void load() throws IOException {
    boolean fresh = !Files.isDirectory(dataDir.resolve(TOPICS_DIR));
    Files.createDirectories(dataDir.resolve(TOPICS_DIR));
    Path marker = dataDir.resolve(CLEAN_SHUTDOWN_FILE);
    cleanShutdown = Files.exists(marker);
    if (cleanShutdown) {
      Files.delete(marker);
      AtomicFiles.syncDirectory(dataDir);
    } else if (!fresh) {
      LOGGER.info(
          "No clean shutdown marker in {}: the tail of every log found there is recovered",
          dataDir);
    }
    try (Stream<Path> files = Files.list(dataDir.resolve(TOPICS_DIR))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String fileName = file.getFileName().toString();
        if (!fileName.endsWith(".json")) {
          continue;
        }
        String name = fileName.substring(0, fileName.length() - ".json".length());
        TopicFile stored = JSON.readValue(file.toFile(), TopicFile.class);
        TopicInfo topic =
            new TopicInfo(
                name, Uuid.fromString(stored.id()), stored.partitions(), stored.configs());
        openLogs(topic);
        register(topic);
      }
    }
    try (Stream<Path> dirs = Files.list(dataDir)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        String name = dir.getFileName().toString();
        int dash = name.lastIndexOf('-');
        if (!Files.isDirectory(dir) || name.equals(TOPICS_DIR) || dash <= 0) {
          continue;
        }
        TopicInfo topic = topics.get(name.substring(0, dash));
        if (topic == null || !logs.containsKey(partitionOf(name, dash))) {
          LOGGER.warn("Removing {}: it belongs to no topic (an interrupted create or delete)", dir);
          deleteRecursively(dir);
        }
      }
    }
    LOGGER.info("Loaded {} topics with {} partitions from {}", topics.size(), logs.size(), dataDir);
  }

  private static TopicPartition partitionOf(String dirName, int dash) {
    try {
      return new TopicPartition(
          dirName.substring(0, dash), Integer.parseInt(dirName.substring(dash + 1)));
    } catch (NumberFormatException e) {
      return new TopicPartition(dirName, -1);
    }
  }

  private void openLogs(TopicInfo topic) throws IOException {
    LogConfig config = configResolver.apply(topic.configs());
    for (int p = 0; p < topic.partitions(); p++) {
      TopicPartition tp = new TopicPartition(topic.name(), p);
      if (!logs.containsKey(tp)) {
        logs.put(tp, PartitionLog.open(tp, partitionDir(tp), config, clock, cleanShutdown));
      }
    }
  }

  private void register(TopicInfo topic) {
    topics.put(topic.name(), topic);
    topicsById.put(topic.id(), topic);
  }

  private Path partitionDir(TopicPartition tp) {
    return dataDir.resolve(tp.topic() + "-" + tp.partition());
  }

  private void persist(TopicInfo topic) throws IOException {
    byte[] json =
        JSON.writerWithDefaultPrettyPrinter()
            .writeValueAsBytes(
                new TopicFile(topic.id().toString(), topic.partitions(), topic.configs()));
    AtomicFiles.write(dataDir.resolve(TOPICS_DIR).resolve(topic.name() + ".json"), json);
  }

  /**
   * Creates a topic.
   *
   * @throws TopicExistsException when it exists
   * @throws org.apache.kafka.common.errors.InvalidTopicException for an invalid name
   */
  public synchronized TopicInfo createTopic(
      String name, int partitions, Map<String, String> configs) {
    checkNewTopic(name, partitions);
    configResolver.apply(configs);
    TopicInfo topic = new TopicInfo(name, Uuid.randomUuid(), partitions, configs);
    try {
      openLogs(topic);
      persist(topic);
    } catch (IOException e) {
      throw new UncheckedIOException("Creating topic " + name + " failed", e);
    }
    register(topic);
    LOGGER.info("Created topic {} with {} partitions", name, partitions);
    return topic;
  }

  /** Checks everything {@link #createTopic} would, without creating anything. */
  public synchronized TopicInfo validateNewTopic(
      String name, int partitions, Map<String, String> configs) {
    checkNewTopic(name, partitions);
    configResolver.apply(configs);
    return new TopicInfo(name, Uuid.ZERO_UUID, partitions, configs);
  }

  private void checkNewTopic(String name, int partitions) {
    Topic.validate(name);
    if (topics.containsKey(name)) {
      throw new TopicExistsException("Topic '" + name + "' already exists.");
    }
    if (partitions < 1) {
      throw new InvalidPartitionsException(
          "Number of partitions must be at least 1, was " + partitions);
    }
    for (String existing : topics.keySet()) {
      if (Topic.hasCollision(name, existing)) {
        throw new InvalidTopicException(
            "Topic '"
                + name
                + "' collides with existing topic '"
                + existing
                + "' ('.' and '_' collide in metric names)");
      }
    }
  }

  /** Grows a topic to {@code totalPartitions}. */
  public synchronized TopicInfo addPartitions(String name, int totalPartitions) {
    TopicInfo topic = topicOrThrow(name);
    if (totalPartitions <= topic.partitions()) {
      throw new InvalidPartitionsException(
          "Topic "
              + name
              + " has "
              + topic.partitions()
              + " partitions; the new count must be larger, was "
              + totalPartitions);
    }
    TopicInfo grown = new TopicInfo(name, topic.id(), totalPartitions, topic.configs());
    try {
      openLogs(grown);
      persist(grown);
    } catch (IOException e) {
      throw new UncheckedIOException("Adding partitions to " + name + " failed", e);
    }
    register(grown);
    return grown;
  }

  /** Replaces a topic's config overrides and applies them to its logs. */
  public synchronized TopicInfo replaceConfigs(String name, Map<String, String> configs) {
    TopicInfo topic = topicOrThrow(name);
    LogConfig config = configResolver.apply(configs);
    TopicInfo altered = new TopicInfo(name, topic.id(), topic.partitions(), configs);
    try {
      persist(altered);
    } catch (IOException e) {
      throw new UncheckedIOException("Altering configs of " + name + " failed", e);
    }
    register(altered);
    for (int p = 0; p < altered.partitions(); p++) {
      logs.get(new TopicPartition(name, p)).updateConfig(config);
    }
    return altered;
  }

  /**
   * Changes a topic's config overrides in one step: {@code change} gets the current overrides and
   * returns the new ones, which are validated and then (unless {@code validateOnly}) persisted and
   * applied to the topic's live logs. Serialised with every other metadata change, so concurrent
   * incremental alters never lose each other's updates.
   *
   * @throws UnknownTopicOrPartitionException when the topic does not exist
   * @throws org.apache.kafka.common.config.ConfigException naming the key, value and reason for an
   *     unknown key or a bad value; nothing is changed then
   */
  public synchronized TopicInfo alterConfigs(
      String name,
      java.util.function.UnaryOperator<Map<String, String>> change,
      boolean validateOnly) {
    TopicInfo topic = topicOrThrow(name);
    Map<String, String> configs = Map.copyOf(change.apply(topic.configs()));
    if (validateOnly) {
      configResolver.apply(configs);
      return new TopicInfo(name, topic.id(), topic.partitions(), configs);
    }
    return replaceConfigs(name, configs);
  }

  /** Deletes a topic and all its data. */
  public synchronized void deleteTopic(String name) {
    TopicInfo topic = topicOrThrow(name);
    try {
      Files.deleteIfExists(dataDir.resolve(TOPICS_DIR).resolve(name + ".json"));
      topics.remove(name);
      topicsById.remove(topic.id());
      for (int p = 0; p < topic.partitions(); p++) {
        PartitionLog log = logs.remove(new TopicPartition(name, p));
        if (log != null) {
          log.delete();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Deleting topic " + name + " failed", e);
    }
    LOGGER.info("Deleted topic {}", name);
  }

  /**
   * Deletes the topic with this id and all its data; a topic recreated under the same name (with a
   * new id) is left alone.
   *
   * @throws org.apache.kafka.common.errors.UnknownTopicIdException when no topic has this id
   */
  public synchronized TopicInfo deleteTopic(Uuid id) {
    TopicInfo topic = topicsById.get(id);
    if (topic == null) {
      throw new org.apache.kafka.common.errors.UnknownTopicIdException(
          "No topic has id " + id + "; nothing was deleted.");
    }
    deleteTopic(topic.name());
    return topic;
  }

  private TopicInfo topicOrThrow(String name) {
    TopicInfo topic = topics.get(name);
    if (topic == null) {
      throw new UnknownTopicOrPartitionException("Topic '" + name + "' does not exist.");
    }
    return topic;
  }

  public Optional<TopicInfo> topic(String name) {
    return Optional.ofNullable(topics.get(name));
  }

  public Optional<TopicInfo> topic(Uuid id) {
    return Optional.ofNullable(topicsById.get(id));
  }

  public Collection<TopicInfo> topics() {
    return List.copyOf(topics.values());
  }

  public Optional<PartitionLog> log(TopicPartition tp) {
    return Optional.ofNullable(logs.get(tp));
  }

  public Collection<PartitionLog> logs() {
    return new ArrayList<>(logs.values());
  }

  public void addAppendListener(AppendListener listener) {
    appendListeners.add(requireNonNull(listener, "listener is null"));
  }

  /** Called by appenders after a successful append. */
  public void notifyAppended(TopicPartition tp) {
    for (AppendListener listener : appendListeners) {
      listener.appended(tp);
    }
  }

  /**
   * Starts retention, the flush.ms check and (if enabled) the log cleaner. Tasks run on {@code
   * scheduler}; they stop when this manager closes.
   */
  public synchronized void startBackgroundTasks(
      ScheduledExecutorService scheduler, BackgroundSettings settings) {
    requireNonNull(scheduler, "scheduler is null");
    requireNonNull(settings, "settings is null");
    tasks.add(
        scheduler.scheduleWithFixedDelay(
            this::enforceRetention,
            settings.retentionCheckIntervalMs(),
            settings.retentionCheckIntervalMs(),
            TimeUnit.MILLISECONDS));
    tasks.add(
        scheduler.scheduleWithFixedDelay(
            this::flushByTime,
            settings.flushCheckIntervalMs(),
            settings.flushCheckIntervalMs(),
            TimeUnit.MILLISECONDS));
    if (settings.cleanerEnabled()) {
      cleaner = new LogCleaner(this::logs, settings.cleanerBackoffMs());
      cleaner.start();
    }
  }

  /** Applies retention to every log now (also run periodically). */
  public void enforceRetention() {
    for (PartitionLog log : logs()) {
      try {
        log.enforceRetention();
      } catch (IOException | RuntimeException e) {
        LOGGER.warn("Retention of {} failed; retrying at the next check", log.topicPartition(), e);
      }
    }
  }

  private void flushByTime() {
    for (PartitionLog log : logs()) {
      try {
        log.maybeFlushByTime();
      } catch (RuntimeException e) {
        LOGGER.warn("Flushing {} failed; retrying at the next check", log.topicPartition(), e);
      }
    }
  }

  private void stopBackgroundTasks() {
    for (ScheduledFuture<?> task : tasks) {
      task.cancel(false);
    }
    tasks.clear();
    if (cleaner != null) {
      cleaner.close();
      cleaner = null;
    }
  }

  /**
   * Flushes and closes every log, then writes the clean shutdown marker (only when every log closed
   * without error).
   */
  @Override
  public synchronized void close() {
    stopBackgroundTasks();
    boolean allClosed = true;
    for (PartitionLog log : logs.values()) {
      try {
        log.close();
      } catch (IOException | RuntimeException e) {
        allClosed = false;
        LOGGER.warn("Closing the log of {} failed: {}", log.topicPartition(), e.toString());
      }
    }
    logs.clear();
    if (allClosed) {
      try {
        AtomicFiles.write(dataDir.resolve(CLEAN_SHUTDOWN_FILE), new byte[0]);
      } catch (IOException e) {
        LOGGER.warn("Could not write the clean shutdown marker in {}: {}", dataDir, e.toString());
      }
    }
  }

  /**
   * Stops as a crash would: every file is closed without flushing and no clean shutdown marker is
   * written, so the next open recovers. For tests of crash recovery.
   */
  public synchronized void halt() {
    stopBackgroundTasks();
    for (PartitionLog log : logs.values()) {
      try {
        log.halt();
      } catch (IOException e) {
        LOGGER.warn("Halting the log of {} failed: {}", log.topicPartition(), e.toString());
      }
    }
    logs.clear();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
