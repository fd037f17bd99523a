package io.tributary.broker.internal.producer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.common.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out producer ids, never the same one twice, across broker restarts and crashes.
 *
 * <p>Ids are reserved in blocks of {@value #BLOCK_SIZE}: before the first id of a block is handed
 * out, the end of the block (the next block's start) is persisted in {@code
 * <data>/producer-ids.json} ({@code {"version":1,"nextBlockStart":N}}) through {@link AtomicFiles}.
 * On start, allocation resumes at the persisted value, so ids of a block that was only partly used
 * before a restart or crash are skipped, never reused.
 *
 * <p>Thread-safe.
 */
public final class ProducerIdManager {
  private static final Logger LOGGER = LoggerFactory.getLogger(ProducerIdManager.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int VERSION = 1;

  /** How many ids one persisted reservation covers. */
  public static final long BLOCK_SIZE = 1000;

  static final String FILE_NAME = "producer-ids.json";

  private final Path file;
  private long nextId;
  private long blockEnd;

  /** The persisted form. */
  private record BlockFile(int version, long nextBlockStart) {}

  private ProducerIdManager(Path file, long nextBlockStart) {
    this.file = requireNonNull(file, "file is null");
    this.nextId = nextBlockStart;
    this.blockEnd = nextBlockStart;
  }

  /** Opens the allocator of the broker whose data directory is {@code dataDir}. */
  public static ProducerIdManager open(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    long nextBlockStart = 0;
    if (Files.exists(file)) {
      BlockFile stored = JSON.readValue(file.toFile(), BlockFile.class);
      if (stored.version() != VERSION || stored.nextBlockStart() < 0) {
        throw new IOException(
            "Unsupported content in "
                + file
                + ": version "
                + stored.version()
                + ", nextBlockStart "
                + stored.nextBlockStart());
      }
      nextBlockStart = stored.nextBlockStart();
    }
    return new ProducerIdManager(file, nextBlockStart);
  }

  /**
   * A producer id never handed out before.
   *
   * @throws UncheckedIOException when the next block cannot be reserved on disk
   */
  public synchronized long nextProducerId() {
    if (nextId == blockEnd) {
      if (blockEnd > Long.MAX_VALUE - BLOCK_SIZE) {
        throw new IllegalStateException(
            "Producer ids are exhausted (next block at " + blockEnd + ")");
      }
      long newEnd = blockEnd + BLOCK_SIZE;
      try {
        AtomicFiles.write(file, JSON.writeValueAsBytes(new BlockFile(VERSION, newEnd)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot reserve producer ids in " + file, e);
      }
      LOGGER.debug("Reserved producer ids {} to {}", blockEnd, newEnd - 1);
      blockEnd = newEnd;
    }
    return nextId++;
  }
}
