package io.tributary.connect.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceSpoolTest {

  @TempDir Path dir;
  Path spool;
  Path finished;
  Path errors;

  @BeforeEach
  void dirs() throws Exception {
    spool = Files.createDirectories(dir.resolve("spool"));
    finished = dir.resolve("finished");
    errors = dir.resolve("errors");
  }

  private Map<String, String> props() {
    Map<String, String> props = new HashMap<>();
    props.put(FileSourceConfig.MODE_CONFIG, "spool");
    props.put(FileSourceConfig.SPOOL_DIR_CONFIG, spool.toString());
    props.put(FileSourceConfig.SPOOL_FINISHED_DIR_CONFIG, finished.toString());
    props.put(FileSourceConfig.SPOOL_ERROR_DIR_CONFIG, errors.toString());
    props.put(FileSourceConfig.SPOOL_MIN_FILE_AGE_MS_CONFIG, "0");
    return props;
  }

  @Test
  void readsEachWholeFileOnceInNameOrderThenMovesItToTheFinishedDirectory() throws Exception {
    // given
    Files.writeString(spool.resolve("b.txt"), "b1\nb2\nb3\n", UTF_8);
    Files.writeString(spool.resolve("a.txt"), "a1\na2", UTF_8);
    try (TestingSourceTaskHarness harness = new TestingSourceTaskHarness(props())) {
      // when
      harness.pollUntil(
          r -> r.size() >= 5 && Files.exists(finished.resolve("b.txt")),
          java.time.Duration.ofSeconds(30));
      for (int i = 0; i < 10; i++) {
        harness.pollOnce();
      }
      // then
      assertThat(harness.values()).containsExactly("a1", "a2", "b1", "b2", "b3");
      assertThat(finished.resolve("a.txt")).hasContent("a1\na2");
      assertThat(finished.resolve("b.txt")).exists();
      try (var left = Files.list(spool)) {
        assertThat(left).isEmpty();
      }
    }
  }

  @Test
  void skipsFilesYoungerThanTheMinimumAge() throws Exception {
    // given
    Files.writeString(spool.resolve("fresh.txt"), "x\n", UTF_8);
    Map<String, String> props = props();
    props.put(FileSourceConfig.SPOOL_MIN_FILE_AGE_MS_CONFIG, "3600000");
    try (TestingSourceTaskHarness harness = new TestingSourceTaskHarness(props)) {
      // when
      for (int i = 0; i < 10; i++) {
        harness.pollOnce();
      }
      // then
      assertThat(harness.values()).isEmpty();
      assertThat(spool.resolve("fresh.txt")).exists();
    }
  }

  @Test
  void resumesMidFileAfterARestart() throws Exception {
    // given
    Files.writeString(spool.resolve("a.txt"), "1\n2\n3\n4\n5\n", UTF_8);
    Map<String, String> props = props();
    props.put(FileSourceConfig.BATCH_SIZE_CONFIG, "2");
    try (TestingSourceTaskHarness harness = new TestingSourceTaskHarness(props)) {
      harness.pollUntilCount(2);
      // when
      harness.restart();
      harness.pollUntil(
          r -> Files.exists(finished.resolve("a.txt")), java.time.Duration.ofSeconds(30));
      // then
      assertThat(harness.values()).containsExactly("1", "2", "3", "4", "5");
    }
  }

  @Test
  void movesAFileWithAMalformedLineToTheErrorDirectoryAndFailsNamingIt() throws Exception {
    // given
    Path bad = spool.resolve("bad.json");
    Files.writeString(bad, "{\"a\":1}\n{oops\n", UTF_8);
    Map<String, String> props = props();
    props.put(FileSourceConfig.FORMAT_CONFIG, "json");
    try (TestingSourceTaskHarness harness = new TestingSourceTaskHarness(props)) {
      // when / then
      assertThatThrownBy(() -> harness.pollUntilCount(5))
          .isInstanceOf(DataException.class)
          .hasMessageContaining("Malformed JSON in file " + bad + " line 2");
      assertThat(errors.resolve("bad.json")).exists();
      assertThat(bad).doesNotExist();
    }
  }
}
