package io.tributary.connect.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTaskTest {

  @TempDir Path dir;

  @Test
  void readsLinesWithSourceHeadersAndHoldsAPartialLineUntilItsNewline() throws Exception {
    // given
    Path file = dir.resolve("app.log");
    write(file, "first\nsecond\npart");
    try (TestingSourceTaskHarness harness = harness(dir + "/*.log")) {
      // when
      List<SourceRecord> records = harness.pollUntilCount(2);
      harness.pollOnce();
      // then
      assertThat(harness.values()).containsExactly("first", "second");
      SourceRecord second = records.get(1);
      assertThat(second.topic()).isEqualTo("logs");
      assertThat(header(second, FileSourceTask.HEADER_FILE)).isEqualTo(file.toString());
      assertThat(header(second, FileSourceTask.HEADER_OFFSET)).isEqualTo(6L);
      assertThat(header(second, FileSourceTask.HEADER_LINE)).isEqualTo(2L);
      assertThat(header(second, FileSourceTask.HEADER_HOST)).isNotNull();
      assertThat(second.sourceOffset().get(FileSourceTask.POSITION)).isEqualTo(13L);

      // when the partial line gets its newline
      append(file, "ial\r\n");
      harness.pollUntilCount(3);
      // then
      assertThat(harness.values()).containsExactly("first", "second", "partial");
    }
  }

  @Test
  void picksUpNewFilesMatchingTheGlobAndSendsThemToThePatternsTopic() throws Exception {
    // given
    write(dir.resolve("a.log"), "a1\n");
    Map<String, String> props =
        Map.of(
            FileSourceConfig.FILE_PATTERNS_CONFIG,
            dir + "/**.log," + dir + "/*.txt",
            FileSourceConfig.FILE_PATTERN_TOPICS_CONFIG,
            "logs,texts");
    try (TestingSourceTaskHarness harness = new TestingSourceTaskHarness(props)) {
      harness.pollUntilCount(1);
      // when
      Files.createDirectories(dir.resolve("sub/deeper"));
      write(dir.resolve("sub/deeper/b.log"), "b1\n");
      write(dir.resolve("c.txt"), "c1\n");
      write(dir.resolve("ignored.csv"), "x\n");
      List<SourceRecord> records = harness.pollUntilCount(3);
      // then
      assertThat(harness.values()).containsExactlyInAnyOrder("a1", "b1", "c1");
      assertThat(records)
          .filteredOn(r -> r.value().equals("c1"))
          .singleElement()
          .extracting(SourceRecord::topic)
          .isEqualTo("texts");
      assertThat(records)
          .filteredOn(r -> r.value().equals("b1"))
          .singleElement()
          .extracting(SourceRecord::topic)
          .isEqualTo("logs");
    }
  }

  @Test
  void resumesFromCommittedOffsetsAfterARestart() throws Exception {
    // given
    Path file = dir.resolve("app.log");
    write(file, "one\ntwo\nthree\n");
    try (TestingSourceTaskHarness harness = harness(file.toString())) {
      harness.pollUntilCount(3);
      // when
      harness.restart();
      harness.clearRecords();
      append(file, "four\nfive\n");
      harness.pollUntilCount(2);
      harness.pollOnce();
      // then
      assertThat(harness.values()).containsExactly("four", "five");
      assertThat(header(harness.records().get(1), FileSourceTask.HEADER_LINE)).isEqualTo(5L);
    }
  }

  @Test
  void readsAFileRewrittenInPlaceWhileStoppedFromItsStart() throws Exception {
    // given
    Path file = dir.resolve("app.log");
    write(file, "old line one\nold line two\n");
    try (TestingSourceTaskHarness harness = harness(file.toString())) {
      harness.pollUntilCount(2);
      // when: same inode, new content longer than the committed position
      harness.restart();
      harness.clearRecords();
      Files.writeString(file, "brand new first line\nbrand new second line\n", UTF_8);
      harness.pollUntilCount(2);
      // then
      assertThat(harness.values()).containsExactly("brand new first line", "brand new second line");
    }
  }

  @Test
  void groupsAStackTraceIntoOneEventAndFlushesTheLastAfterTheTimeout() throws Exception {
    // given
    Path file = dir.resolve("app.log");
    write(
        file,
        "2026-11-22 INFO started\n"
            + "2026-11-22 ERROR failed\n"
            + "java.lang.IllegalStateException: boom\n"
            + "\tat a.B.c(B.java:1)\n"
            + "\tat a.B.d(B.java:2)\n"
            + "2026-11-22 INFO recovered\n");
    Map<String, String> props =
        Map.of(
            FileSourceConfig.FILE_PATTERNS_CONFIG, file.toString(),
            FileSourceConfig.MULTILINE_PATTERN_CONFIG, "^\\d{4}-\\d{2}-\\d{2} ",
            FileSourceConfig.MULTILINE_TIMEOUT_MS_CONFIG, "50");
    try (TestingSourceTaskHarness harness = new TestingSourceTaskHarness(props)) {
      // when
      harness.pollUntilCount(3);
      // then
      assertThat(harness.values())
          .containsExactly(
              "2026-11-22 INFO started",
              "2026-11-22 ERROR failed\n"
                  + "java.lang.IllegalStateException: boom\n"
                  + "\tat a.B.c(B.java:1)\n"
                  + "\tat a.B.d(B.java:2)",
              "2026-11-22 INFO recovered");
      SourceRecord trace = harness.records().get(1);
      assertThat(header(trace, FileSourceTask.HEADER_LINE)).isEqualTo(2L);
      assertThat(trace.sourceOffset().get(FileSourceTask.LINE)).isEqualTo(5L);
    }
  }

  @Test
  void failsOnMalformedJsonNamingTheFileAndLine() throws Exception {
    // given
    Path file = dir.resolve("events.json");
    write(file, "{\"id\":\"a\",\"n\":1}\n{\"id\": broken\n");
    Map<String, String> props =
        Map.of(
            FileSourceConfig.FILE_PATTERNS_CONFIG,
            file.toString(),
            FileSourceConfig.FORMAT_CONFIG,
            "json");
    try (TestingSourceTaskHarness harness = new TestingSourceTaskHarness(props)) {
      // when / then
      assertThatThrownBy(() -> harness.pollUntilCount(2))
          .isInstanceOf(DataException.class)
          .hasMessageContaining("Malformed JSON in file " + file + " line 2");
    }
  }

  @Test
  void skipsMalformedJsonWithErrorsToleranceAllAndKeysByField() throws Exception {
    // given
    Path file = dir.resolve("events.json");
    write(file, "{\"id\":\"a\",\"n\":1}\nnot json\n\n{\"id\":\"b\",\"n\":[2,3]}\n");
    Map<String, String> props =
        Map.of(
            FileSourceConfig.FILE_PATTERNS_CONFIG,
            file.toString(),
            FileSourceConfig.FORMAT_CONFIG,
            "json",
            FileSourceConfig.KEY_FIELD_CONFIG,
            "id",
            "errors.tolerance",
            "all");
    try (TestingSourceTaskHarness harness = new TestingSourceTaskHarness(props)) {
      // when
      List<SourceRecord> records = harness.pollUntilCount(2);
      // then
      assertThat(records).extracting(SourceRecord::key).containsExactly("a", "b");
      assertThat(records.get(1).value()).isEqualTo(Map.of("id", "b", "n", List.of(2, 3)));
      assertThat(records.get(1).valueSchema()).isNull();
    }
  }

  @Test
  void infersAStructSchemaPerJsonLineWhenAsked() throws Exception {
    // given
    Path file = dir.resolve("events.json");
    write(file, "{\"id\":\"a\",\"n\":1,\"tags\":[\"x\"],\"in\":{\"ok\":true,\"f\":1.5}}\n[1,2]\n");
    Map<String, String> props =
        Map.of(
            FileSourceConfig.FILE_PATTERNS_CONFIG, file.toString(),
            FileSourceConfig.FORMAT_CONFIG, "json",
            FileSourceConfig.JSON_SCHEMA_CONFIG, "infer",
            FileSourceConfig.KEY_FIELD_CONFIG, "id");
    try (TestingSourceTaskHarness harness = new TestingSourceTaskHarness(props)) {
      // when / then: the second line is not an object
      assertThatThrownBy(() -> harness.pollUntilCount(2))
          .isInstanceOf(DataException.class)
          .hasMessageContaining("file " + file + " line 2");
      SourceRecord record = harness.records().get(0);
      Struct value = (Struct) record.value();
      assertThat(record.key()).isEqualTo("a");
      assertThat(value.getInt64("n")).isEqualTo(1L);
      assertThat(value.getArray("tags")).containsExactly("x");
      assertThat(value.getStruct("in").getBoolean("ok")).isTrue();
      assertThat(value.getStruct("in").getFloat64("f")).isEqualTo(1.5);
      assertThat(record.valueSchema().field("n").schema().isOptional()).isTrue();
    }
  }

  @Test
  void readsCsvRowsAsStructsKeepingTheHeaderAcrossARestart() throws Exception {
    // given
    Path file = dir.resolve("rows.csv");
    write(file, "id,name\n1,\"Smith, \"\"Jo\"\"\"\n");
    Map<String, String> props =
        Map.of(
            FileSourceConfig.FILE_PATTERNS_CONFIG, file.toString(),
            FileSourceConfig.FORMAT_CONFIG, "csv",
            FileSourceConfig.KEY_FIELD_CONFIG, "id");
    try (TestingSourceTaskHarness harness = new TestingSourceTaskHarness(props)) {
      harness.pollUntilCount(1);
      // when
      harness.restart();
      append(file, "2,Lee\n3,too,many\n");
      // then
      assertThatThrownBy(() -> harness.pollUntilCount(3))
          .isInstanceOf(DataException.class)
          .hasMessageContaining("Malformed CSV in file " + file + " line 4");
      List<SourceRecord> records = harness.records();
      assertThat(records).hasSize(2);
      Struct first = (Struct) records.get(0).value();
      Struct second = (Struct) records.get(1).value();
      assertThat(first.getString("name")).isEqualTo("Smith, \"Jo\"");
      assertThat(second.getString("id")).isEqualTo("2");
      assertThat(second.getString("name")).isEqualTo("Lee");
      assertThat(records.get(1).key()).isEqualTo("2");
    }
  }

  @Test
  void putsTheSourceInFieldsWhenAsked() throws Exception {
    // given
    Path raw = dir.resolve("app.log");
    write(raw, "hello\n");
    Path rows = dir.resolve("rows.csv");
    write(rows, "id\n7\n");
    Map<String, String> props =
        Map.of(
            FileSourceConfig.FILE_PATTERNS_CONFIG,
            raw.toString(),
            FileSourceConfig.SOURCE_METADATA_CONFIG,
            "fields");
    try (TestingSourceTaskHarness harness = new TestingSourceTaskHarness(props)) {
      // when
      SourceRecord record = harness.pollUntilCount(1).get(0);
      // then
      Struct value = (Struct) record.value();
      assertThat(value.getString(SourceFields.MESSAGE)).isEqualTo("hello");
      assertThat(value.getString(SourceFields.FILE)).isEqualTo(raw.toString());
      assertThat(value.getInt64(SourceFields.LINE)).isEqualTo(1L);
      assertThat(record.headers().isEmpty()).isTrue();
    }
    Map<String, String> csv =
        Map.of(
            FileSourceConfig.FILE_PATTERNS_CONFIG, rows.toString(),
            FileSourceConfig.FORMAT_CONFIG, "csv",
            FileSourceConfig.SOURCE_METADATA_CONFIG, "fields");
    try (TestingSourceTaskHarness harness = new TestingSourceTaskHarness(csv)) {
      Struct value = (Struct) harness.pollUntilCount(1).get(0).value();
      assertThat(value.getString("id")).isEqualTo("7");
      assertThat(value.getInt64(SourceFields.OFFSET)).isEqualTo(3L);
      assertThat(value.getInt64(SourceFields.LINE)).isEqualTo(2L);
    }
  }

  @Test
  void spreadsFilesOverTasksByIdentity() throws Exception {
    // given
    for (int i = 0; i < 20; i++) {
      write(dir.resolve("f" + i + ".log"), "line of f" + i + "\n");
    }
    String pattern = dir + "/*.log";
    List<Object> all = new ArrayList<>();
    for (int index = 0; index < 3; index++) {
      Map<String, String> props =
          Map.of(
              FileSourceConfig.FILE_PATTERNS_CONFIG,
              pattern,
              FileSourceConfig.TASK_INDEX_CONFIG,
              Integer.toString(index),
              FileSourceConfig.TASK_COUNT_CONFIG,
              "3");
      try (TestingSourceTaskHarness harness = new TestingSourceTaskHarness(props)) {
        // when
        for (int poll = 0; poll < 5; poll++) {
          harness.pollOnce();
        }
        // then each task takes a share
        assertThat(harness.values()).isNotEmpty().hasSizeLessThan(20);
        all.addAll(harness.values());
      }
    }
    // then together they read every file once
    assertThat(all).hasSize(20).doesNotHaveDuplicates();
  }

  @Test
  void respectsTheBatchSize() throws Exception {
    // given
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      lines.append(i).append('\n');
    }
    write(dir.resolve("a.log"), lines.toString());
    Map<String, String> props =
        Map.of(
            FileSourceConfig.FILE_PATTERNS_CONFIG, dir + "/*.log",
            FileSourceConfig.BATCH_SIZE_CONFIG, "7",
            FileSourceConfig.BUFFER_SIZE_CONFIG, "16");
    try (TestingSourceTaskHarness harness = new TestingSourceTaskHarness(props)) {
      // when
      List<Integer> sizes = new ArrayList<>();
      while (harness.records().size() < 100) {
        int size = harness.pollOnce().size();
        if (size > 0) {
          sizes.add(size);
        }
      }
      // then
      assertThat(sizes).allMatch(size -> size <= 7);
      assertThat(harness.values().get(99)).isEqualTo("99");
    }
  }

  @Test
  void splitsALineLongerThanTheMaximum() throws Exception {
    // given
    write(dir.resolve("a.log"), "abcdefghij\nxy\n");
    Map<String, String> props =
        Map.of(
            FileSourceConfig.FILE_PATTERNS_CONFIG, dir + "/*.log",
            FileSourceConfig.MAX_LINE_BYTES_CONFIG, "4",
            FileSourceConfig.BUFFER_SIZE_CONFIG, "16");
    try (TestingSourceTaskHarness harness = new TestingSourceTaskHarness(props)) {
      // when
      List<SourceRecord> records = harness.pollUntilCount(4);
      // then
      assertThat(harness.values()).containsExactly("abcd", "efgh", "ij", "xy");
      assertThat(records.get(2).sourceOffset().get(FileSourceTask.POSITION)).isEqualTo(11L);
    }
  }

  @Test
  void finishesAFileDeletedWhileBeingRead() throws Exception {
    // given
    Path file = dir.resolve("app.log");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      lines.append("line ").append(i).append('\n');
    }
    write(file, lines.toString());
    Map<String, String> props =
        Map.of(
            FileSourceConfig.FILE_PATTERNS_CONFIG,
            file.toString(),
            FileSourceConfig.BATCH_SIZE_CONFIG,
            "10");
    try (TestingSourceTaskHarness harness = new TestingSourceTaskHarness(props)) {
      harness.pollUntilCount(10);
      // when
      Files.delete(file);
      harness.pollUntilCount(1000);
      // then
      assertThat(harness.values()).hasSize(1000).doesNotHaveDuplicates();
      assertThat(harness.values().get(999)).isEqualTo("line 999");
    }
  }

  static TestingSourceTaskHarness harness(String patterns) {
    return new TestingSourceTaskHarness(Map.of(FileSourceConfig.FILE_PATTERNS_CONFIG, patterns));
  }

  static Object header(SourceRecord record, String key) {
    Header header = record.headers().lastWithName(key);
    return header == null ? null : header.value();
  }

  static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, UTF_8);
  }

  static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, UTF_8, StandardOpenOption.APPEND);
  }

  static Set<Object> distinct(List<Object> values) {
    return new HashSet<>(values);
  }

  static Duration seconds(int seconds) {
    return Duration.ofSeconds(seconds);
  }
}
