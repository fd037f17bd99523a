package io.tributary.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sink killed at random points (mid-file, right after a rename before the offset commit,
 * between commits) and restarted on the same directory, with a consumer model that redelivers from
 * the committed offset unless the task seeks: the union of completed files is the topic, with no
 * duplicate and no gap.
 */
class FileSinkCrashTest {
  private static final List<TopicPartition> PARTITIONS =
      List.of(new TopicPartition("events", 0), new TopicPartition("events", 1));
  private static final int RECORDS = 500;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void killedAtRandomPointsLosesAndDuplicatesNothing(int seed) {
    Random random = new Random(seed);
    AtomicLong clock = new AtomicLong();
    Map<String, String> props =
        Map.of(
            FileSinkConfig.FILE_DIR_CONFIG,
            dir.toString(),
            "format",
            "text",
            "compression",
            seed % 2 == 0 ? "gzip" : "none",
            "flush.size",
            String.valueOf(1 + random.nextInt(40)),
            "rotate.interval.ms",
            "1000");
    Map<TopicPartition, Long> committed = new HashMap<>();
    int restarts = 0;

    while (!allWritten(committed)) {
      // A new task (the previous one was abandoned without close or stop: a kill).
      TestingSinkTaskContext context = new TestingSinkTaskContext();
      FileSinkTask task = new FileSinkTask(clock::get);
      task.initialize(context);
      task.start(props);
      task.open(PARTITIONS);
      assertThat(SinkFiles.temporary(dir)).isEmpty();
      Map<TopicPartition, Long> position = new HashMap<>();
      for (TopicPartition tp : PARTITIONS) {
        position.put(tp, context.seeks.getOrDefault(tp, committed.getOrDefault(tp, 0L)));
      }
      // The consumer's fetch may still redeliver a little before the seek position.
      position.replaceAll((tp, p) -> Math.max(0, p - random.nextInt(3)));
      int steps = restarts > 30 ? Integer.MAX_VALUE : random.nextInt(30);
      for (int step = 0; step < steps && !allWritten(committed); step++) {
        int action = random.nextInt(10);
        if (action < 7) {
          TopicPartition tp = PARTITIONS.get(random.nextInt(PARTITIONS.size()));
          long from = position.get(tp);
          long to = Math.min(RECORDS, from + random.nextInt(25));
          task.put(records(tp, from, to));
          position.put(tp, to);
        } else if (action < 9) {
          clock.addAndGet(random.nextInt(700));
          for (Map.Entry<TopicPartition, OffsetAndMetadata> e :
              task.preCommit(Map.of()).entrySet()) {
            committed.put(e.getKey(), e.getValue().offset());
          }
        } else {
          clock.addAndGet(1000);
          task.put(List.of());
        }
      }
      restarts++;
    }

    for (TopicPartition tp : PARTITIONS) {
      List<String> lines = new ArrayList<>();
      for (String name : SinkFiles.completed(dir)) {
        if (name.startsWith(tp.topic() + "+" + tp.partition() + "+")) {
          lines.addAll(SinkFiles.lines(dir.resolve(name)));
        }
      }
      assertThat(lines)
          .as("partition %s after %d restarts", tp, restarts)
          .containsExactlyElementsOf(
              records(tp, 0, RECORDS).stream().map(r -> (String) r.value()).toList());
    }
  }

  private static boolean allWritten(Map<TopicPartition, Long> committed) {
    return PARTITIONS.stream().allMatch(tp -> committed.getOrDefault(tp, 0L) >= RECORDS);
  }

  private static List<SinkRecord> records(TopicPartition tp, long from, long to) {
    List<SinkRecord> records = new ArrayList<>();
    for (long offset = from; offset < to; offset++) {
      records.add(
          new SinkRecord(
              tp.topic(),
              tp.partition(),
              null,
              null,
              Schema.STRING_SCHEMA,
              tp + "@" + offset,
              offset));
    }
    return records;
  }
}
