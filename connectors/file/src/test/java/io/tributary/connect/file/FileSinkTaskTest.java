package io.tributary.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTaskTest {
  private static final TopicPartition TP0 = new TopicPartition("logs", 0);
  private static final TopicPartition TP1 = new TopicPartition("logs", 1);

  @TempDir Path dir;
  private final AtomicLong clock = new AtomicLong(1_000_000L);
  private final TestingSinkTaskContext context = new TestingSinkTaskContext();

  private FileSinkTask startTask(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>();
    props.put(FileSinkConfig.FILE_DIR_CONFIG, dir.toString());
    props.putAll(extra);
    FileSinkTask task = new FileSinkTask(clock::get);
    task.initialize(context);
    task.start(props);
    task.open(List.of(TP0, TP1));
    return task;
  }

  private static SinkRecord text(TopicPartition tp, long offset, String value) {
    return new SinkRecord(
        tp.topic(), tp.partition(), null, null, Schema.STRING_SCHEMA, value, offset);
  }

  private static List<SinkRecord> texts(TopicPartition tp, long from, long to) {
    List<SinkRecord> records = new ArrayList<>();
    for (long offset = from; offset < to; offset++) {
      records.add(text(tp, offset, "line-" + offset));
    }
    return records;
  }

  @Test
  void rollsByRecordCountAndCommitsOnlyCompletedFiles() {
    // Given a sink completing files every 3 records
    FileSinkTask task = startTask(Map.of("format", "text", "flush.size", "3"));

    // When 10 records of partition 0 and 2 of partition 1 arrive
    task.put(texts(TP0, 0, 10));
    task.put(texts(TP1, 0, 2));
    Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(Map.of());

    // Then three files are complete, named by partition and zero-padded first/last offsets
    assertThat(SinkFiles.completed(dir))
        .containsExactly(
            "logs+0+00000000000000000000+00000000000000000002.txt",
            "logs+0+00000000000000000003+00000000000000000005.txt",
            "logs+0+00000000000000000006+00000000000000000008.txt");
    assertThat(SinkFiles.allLines(dir))
        .containsExactlyElementsOf(texts(TP0, 0, 9).stream().map(r -> (String) r.value()).toList());
    // and only offsets of completed files are committed: record 9 and partition 1 are open
    assertThat(committed)
        .containsOnly(
            Map.entry(TP0, new OffsetAndMetadata(9)), Map.entry(TP1, new OffsetAndMetadata(0)));
    assertThat(SinkFiles.temporary(dir)).hasSize(2);
  }

  @Test
  void rollsByBytes() {
    // Given files completed once they hold 10 bytes
    FileSinkTask task = startTask(Map.of("format", "text", "file.max.bytes", "10"));

    // When five 7-byte lines arrive ("line-0\n")
    task.put(texts(TP0, 0, 5));

    // Then every second line completes a file
    assertThat(SinkFiles.completed(dir))
        .containsExactly(
            "logs+0+00000000000000000000+00000000000000000001.txt",
            "logs+0+00000000000000000002+00000000000000000003.txt");
    assertThat(task.preCommit(Map.of())).containsEntry(TP0, new OffsetAndMetadata(4));
  }

  @Test
  void rollsByWallClockInPutAndInPreCommit() {
    // Given files completed after a minute
    FileSinkTask task = startTask(Map.of("format", "text", "rotate.interval.ms", "60000"));
    task.put(texts(TP0, 0, 2));
    clock.addAndGet(59_999);
    assertThat(task.preCommit(Map.of())).containsEntry(TP0, new OffsetAndMetadata(0));
    assertThat(SinkFiles.completed(dir)).isEmpty();

    // When the minute has passed, with no new record
    clock.addAndGet(1);
    Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(Map.of());

    // Then the file is completed and committed
    assertThat(SinkFiles.completed(dir))
        .containsExactly("logs+0+00000000000000000000+00000000000000000001.txt");
    assertThat(committed).containsEntry(TP0, new OffsetAndMetadata(2));

    // and an empty put checks the clock too
    task.put(texts(TP0, 2, 3));
    clock.addAndGet(60_000);
    task.put(List.of());
    assertThat(SinkFiles.completed(dir)).hasSize(2);
  }

  @Test
  void gzipJsonLinesRoundTrip() throws Exception {
    // Given a gzip'd JSON lines sink
    FileSinkTask task =
        startTask(Map.of("format", "json", "compression", "gzip", "flush.size", "3"));
    Schema schema =
        SchemaBuilder.struct()
            .field("host", Schema.STRING_SCHEMA)
            .field("bytes", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("n", Schema.OPTIONAL_INT64_SCHEMA)
            .build();
    Struct struct =
        new Struct(schema)
            .put("host", "a\"b")
            .put("bytes", new byte[] {1, 2, 3})
            .put("tags", List.of("x", "y"))
            .put("n", null);

    // When a struct, a map and a string arrive
    task.put(
        List.of(
            new SinkRecord("logs", 0, null, null, schema, struct, 0),
            new SinkRecord("logs", 0, null, null, null, Map.of("k", 1), 1),
            text(TP0, 2, "plain")));

    // Then one .json.gz file holds them as JSON lines
    assertThat(SinkFiles.completed(dir))
        .containsExactly("logs+0+00000000000000000000+00000000000000000002.json.gz");
    assertThat(SinkFiles.allLines(dir))
        .containsExactly(
            "{\"host\":\"a\\\"b\",\"bytes\":\"AQID\",\"tags\":[\"x\",\"y\"],\"n\":null}",
            "{\"k\":1}",
            "\"plain\"");
  }

  @Test
  void csvWritesAHeaderPerFileAndStartsAFileWhenFieldsChange() {
    // Given a CSV sink
    FileSinkTask task = startTask(Map.of("format", "csv", "flush.size", "100"));
    Schema v1 =
        SchemaBuilder.struct()
            .field("a", Schema.STRING_SCHEMA)
            .field("b", Schema.INT32_SCHEMA)
            .build();
    Schema v2 = SchemaBuilder.struct().field("a", Schema.STRING_SCHEMA).build();

    // When records of two schemas arrive, then time passes
    task.put(
        List.of(
            new SinkRecord(
                "logs", 0, null, null, v1, new Struct(v1).put("a", "x,y").put("b", 1), 0),
            new SinkRecord(
                "logs", 0, null, null, v1, new Struct(v1).put("a", "q\"r").put("b", 2), 1),
            new SinkRecord("logs", 0, null, null, v2, new Struct(v2).put("a", "z"), 2)));
    clock.addAndGet(FileSinkConfig.ROTATE_INTERVAL_MS_DEFAULT);
    task.preCommit(Map.of());

    // Then each schema has its file with its header, quoted as RFC 4180 says
    List<String> files = SinkFiles.completed(dir);
    assertThat(files)
        .containsExactly(
            "logs+0+00000000000000000000+00000000000000000001.csv",
            "logs+0+00000000000000000002+00000000000000000002.csv");
    assertThat(SinkFiles.lines(dir.resolve(files.get(0))))
        .containsExactly("a,b", "\"x,y\",1", "\"q\"\"r\",2");
    assertThat(SinkFiles.lines(dir.resolve(files.get(1)))).containsExactly("a", "z");
  }

  @Test
  void csvRejectsValuesWithoutFields() {
    FileSinkTask task = startTask(Map.of("format", "csv"));
    assertThatThrownBy(() -> task.put(List.of(text(TP0, 0, "x"))))
        .hasMessageContaining("format=csv needs struct or map values")
        .hasMessageContaining("offset 0");
  }

  @Test
  void nullValuesAreSkippedAndCommittedOrFailTheTask() {
    // Given the default behaviour: ignore
    FileSinkTask task = startTask(Map.of("format", "text", "flush.size", "2"));
    task.put(List.of(text(TP0, 0, "a"), text(TP0, 1, null), text(TP0, 2, "b"), text(TP0, 3, null)));
    assertThat(SinkFiles.allLines(dir)).containsExactly("a", "b");
    assertThat(task.preCommit(Map.of())).containsEntry(TP0, new OffsetAndMetadata(4));

    // Given fail
    FileSinkTask failing = startTask(Map.of("format", "text", "behavior.on.null.values", "fail"));
    assertThatThrownBy(() -> failing.put(List.of(text(TP1, 7, null))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("offset 7")
        .hasMessageContaining("behavior.on.null.values");
  }

  @Test
  void revokedPartitionsDropTheirOpenFile() {
    FileSinkTask task = startTask(Map.of("format", "text"));
    task.put(texts(TP0, 0, 3));
    assertThat(SinkFiles.temporary(dir)).hasSize(1);

    task.close(List.of(TP0));

    assertThat(SinkFiles.temporary(dir)).isEmpty();
    assertThat(SinkFiles.completed(dir)).isEmpty();
    assertThat(task.preCommit(Map.of())).doesNotContainKey(TP0);
  }

  @Test
  void openSeeksAfterTheLastCompletedFileAndDeletesLeftovers() throws Exception {
    // Given completed files up to offset 5 and a leftover temporary file of a crashed task
    FileSinkTask crashed = startTask(Map.of("format", "text", "flush.size", "3"));
    crashed.put(texts(TP0, 0, 8));
    assertThat(SinkFiles.temporary(dir)).hasSize(1);
    context.seeks.clear();

    // When a new task opens the partitions on the same directory (the old one abandoned)
    FileSinkTask task = startTask(Map.of("format", "text", "flush.size", "3"));

    // Then it seeks partition 0 after offset 5, leaves partition 1 alone, and removes leftovers
    assertThat(context.seeks).containsOnly(Map.entry(TP0, 6L));
    assertThat(SinkFiles.temporary(dir)).isEmpty();
    // and drops redelivered records it already has
    task.put(texts(TP0, 0, 9));
    assertThat(SinkFiles.allLines(dir))
        .containsExactlyElementsOf(texts(TP0, 0, 9).stream().map(r -> (String) r.value()).toList());
    assertThat(Files.exists(dir.resolve(SinkDirectory.TEMP_DIR_NAME))).isTrue();
  }
}
