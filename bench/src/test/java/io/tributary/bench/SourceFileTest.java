package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFileTest {
  @TempDir Path dir;

  @Test
  void linesHaveTheGivenLengthAreUniqueAndNameTheirIndex() throws IOException {
    // Given
    SourceFile source = new SourceFile(1000, 100);

    // When
    Path file = dir.resolve("source.txt");
    long checksum = source.write(file);

    // Then
    List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    assertThat(lines).hasSize(1000);
    assertThat(Files.size(file)).isEqualTo(source.bytes()).isEqualTo(1000 * 101L);
    Set<String> distinct = new HashSet<>(lines);
    assertThat(distinct).hasSize(1000);
    long sum = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      assertThat(line).hasSize(100).isEqualTo(source.line(i)).matches("[0-9]{10} [A-Za-z0-9]+");
      assertThat(SourceFile.indexOf(line)).isEqualTo(i);
      sum += SourceFile.checksum(line);
    }
    assertThat(checksum).isEqualTo(sum);
  }

  @Test
  void indexOfRejectsLinesThatAreNoSourceLines() {
    assertThat(SourceFile.indexOf("")).isEqualTo(-1);
    assertThat(SourceFile.indexOf("000000001x rest")).isEqualTo(-1);
    assertThat(SourceFile.indexOf("0000000012rest")).isEqualTo(-1);
  }

  @Test
  void tooShortLinesAreRejected() {
    assertThatThrownBy(() -> new SourceFile(10, 11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lineBytes must be at least 12");
  }
}
