package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkDirectoryTest {
  @TempDir Path dir;

  @Test
  void completedNamesAreTopicPartitionAndTwoTwentyDigitOffsets() {
    assertThat(
            SinkDirectory.isCompleted(
                "connect-bench-tributary-r1+0+00000000000000000000+00000000000000199999.txt"))
        .isTrue();
    assertThat(SinkDirectory.isCompleted("t+12+00000000000000000000+00000000000000000009.txt"))
        .isTrue();
    // Another format, a short offset, a missing partition, a temporary name
    assertThat(SinkDirectory.isCompleted("t+0+00000000000000000000+00000000000000000009.json"))
        .isFalse();
    assertThat(SinkDirectory.isCompleted("t+0+0+9.txt")).isFalse();
    assertThat(SinkDirectory.isCompleted("t+00000000000000000000+00000000000000000009.txt"))
        .isFalse();
    assertThat(SinkDirectory.isCompleted("+tmp")).isFalse();
    assertThat(SinkDirectory.isCompleted("sink.txt")).isFalse();
  }

  @Test
  void completedFilesAreListedInNameOrderAndTmpIsLeftOut() throws IOException {
    // Given two completed files written out of order, a file in progress and a stray file
    Path later = dir.resolve("t+0+00000000000000000010+00000000000000000019.txt");
    Path earlier = dir.resolve("t+0+00000000000000000000+00000000000000000009.txt");
    Files.writeString(later, "c\nd\n");
    Files.writeString(earlier, "a\nb\n");
    Path tmp = Files.createDirectories(dir.resolve("+tmp"));
    Files.writeString(tmp.resolve("t+0+00000000000000000020.txt"), "e\n");
    Files.writeString(dir.resolve("notes.txt"), "not the sink's\n");
    SinkDirectory sink = new SinkDirectory(dir);

    // When
    var files = sink.completedFiles();
    long bytes = sink.completedBytes();

    // Then
    assertThat(files).containsExactly(earlier, later);
    assertThat(bytes).isEqualTo(8);
  }

  @Test
  void aFolderTheSinkHasNotCreatedYetHoldsNothing() {
    SinkDirectory sink = new SinkDirectory(dir.resolve("not-yet"));

    assertThat(sink.completedFiles()).isEmpty();
    assertThat(sink.completedBytes()).isZero();
  }
}
