package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkCheckTest {
  @TempDir Path dir;

  private final SourceFile source = new SourceFile(500, 100);
  private long sourceChecksum;
  private List<String> lines;

  @BeforeEach
  void writeSource() throws IOException {
    Path sourceFile = dir.resolve("source.txt");
    sourceChecksum = source.write(sourceFile);
    lines = new ArrayList<>(Files.readAllLines(sourceFile, StandardCharsets.US_ASCII));
  }

  @Test
  void theSameLinesInAnotherOrderPass() throws IOException {
    // Given the source lines shuffled, as several partitions may deliver them
    Collections.shuffle(lines, new Random(42));

    // When
    SinkCheck.Result result = SinkCheck.check(sink(lines), source, sourceChecksum);

    // Then
    assertThat(result.ok()).isTrue();
    assertThat(result.lines()).isEqualTo(500);
    assertThat(result.summary()).contains("500 lines").contains("equal to the source's");
  }

  @Test
  void aLostLineFails() throws IOException {
    // Given
    lines.remove(123);

    // When
    SinkCheck.Result result = SinkCheck.check(sink(lines), source, sourceChecksum);

    // Then
    assertThat(result.ok()).isFalse();
    assertThat(result.missing()).isEqualTo(1);
    assertThat(result.summary()).contains("1 missing");
  }

  @Test
  void aDuplicatedLineFailsEvenWhenTheCountIsRight() throws IOException {
    // Given one line lost and another written twice: same count, same size
    lines.set(7, lines.get(8));

    // When
    SinkCheck.Result result = SinkCheck.check(sink(lines), source, sourceChecksum);

    // Then
    assertThat(result.ok()).isFalse();
    assertThat(result.lines()).isEqualTo(500);
    assertThat(result.duplicates()).isEqualTo(1);
    assertThat(result.missing()).isEqualTo(1);
  }

  @Test
  void anAlteredLineFails() throws IOException {
    // Given one character changed
    String line = lines.get(300);
    lines.set(
        300, line.substring(0, 50) + (line.charAt(50) == 'a' ? 'b' : 'a') + line.substring(51));

    // When
    SinkCheck.Result result = SinkCheck.check(sink(lines), source, sourceChecksum);

    // Then
    assertThat(result.ok()).isFalse();
    assertThat(result.malformed()).isEqualTo(1);
    assertThat(result.missing()).isEqualTo(1);
  }

  private Path sink(List<String> content) throws IOException {
    Path sink = dir.resolve("sink.txt");
    Files.write(sink, content, StandardCharsets.US_ASCII);
    return sink;
  }

  @Test
  void severalFilesAreCheckedAsOneSink() throws IOException {
    // Given the source lines split over three files, as Tributary's file sink completes them
    Path first = dir.resolve("t+0+00000000000000000000+00000000000000000199.txt");
    Path second = dir.resolve("t+0+00000000000000000200+00000000000000000399.txt");
    Path third = dir.resolve("t+0+00000000000000000400+00000000000000000499.txt");
    Files.write(first, lines.subList(0, 200), StandardCharsets.ISO_8859_1);
    Files.write(second, lines.subList(200, 400), StandardCharsets.ISO_8859_1);
    Files.write(third, lines.subList(400, 500), StandardCharsets.ISO_8859_1);

    // When all three are read, and when the last is not (yet) there
    SinkCheck.Result all = SinkCheck.check(List.of(first, second, third), source, sourceChecksum);
    SinkCheck.Result twoOfThree = SinkCheck.check(List.of(first, second), source, sourceChecksum);

    // Then
    assertThat(all.ok()).isTrue();
    assertThat(all.lines()).isEqualTo(500);
    assertThat(twoOfThree.ok()).isFalse();
    assertThat(twoOfThree.missing()).isEqualTo(100);
  }

  @Test
  void aLineRepeatedInTwoFilesFails() throws IOException {
    // Given
    Path first = dir.resolve("a.txt");
    Path second = dir.resolve("b.txt");
    Files.write(first, lines.subList(0, 300), StandardCharsets.ISO_8859_1);
    Files.write(second, lines.subList(299, 500), StandardCharsets.ISO_8859_1);

    // When
    SinkCheck.Result result = SinkCheck.check(List.of(first, second), source, sourceChecksum);

    // Then
    assertThat(result.ok()).isFalse();
    assertThat(result.duplicates()).isEqualTo(1);
  }
}
