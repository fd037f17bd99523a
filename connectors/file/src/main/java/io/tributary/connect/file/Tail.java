package io.tributary.connect.file;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;

/**
 * What a task keeps for one open file: the file, its pending event, the topic of the pattern that
 * matched it, its CSV schema and, once no pattern matches it any more (renamed away or deleted),
 * since when. Not thread-safe; owned by one task.
 */
final class Tail {

  final TailedFile file;
  final EventAssembler events;

  /** Where this file's records go (the topic of its pattern). */
  final String topic;

  /** The source partition of every record from this file, shared by all of them. */
  final Map<String, Object> sourcePartition;

  Schema csvSchema;
  long orphanedAtNanos;
  boolean orphaned;

  Tail(TailedFile file, EventAssembler events, String topic) {
    this.file = requireNonNull(file, "file is null");
    this.events = requireNonNull(events, "events is null");
    this.topic = requireNonNull(topic, "topic is null");
    this.sourcePartition = Map.of(FileSourceTask.FILE_KEY, file.key());
  }
}
