package io.tributary.connect.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation while a writer thread appends: every line is delivered exactly once, in order. */
class FileSourceRotationTest {

  private static final int LINES = 20_000;
  private static final int ROTATE_EVERY = 3_000;

  @TempDir Path dir;

  @Test
  void renameAndCreateRotationLosesAndDuplicatesNoLine() throws Exception {
    // given
    Path file = dir.resolve("app.log");
    Files.writeString(file, line(0), UTF_8);
    try (TestingSourceTaskHarness harness = harness(file)) {
      harness.pollUntilCount(1);
      // when: the writer renames the file away, writes a few more lines to its open handle (as an
      // application does until it reopens), then creates a new file
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(() -> write(file, Rotation.RENAME));
      pollUntilDelivered(harness, writer);
      settle(harness);
      List<SourceRecord> records = harness.records();
      // then
      assertExactlyOnce(harness.values());
      Map<Object, List<Integer>> perFile = new LinkedHashMap<>();
      for (SourceRecord record : records) {
        perFile
            .computeIfAbsent(
                record.sourcePartition().get(FileSourceTask.FILE_KEY), k -> new ArrayList<>())
            .add(number(record.value()));
      }
      assertThat(perFile).hasSizeGreaterThan(LINES / ROTATE_EVERY);
      perFile.values().forEach(numbers -> assertThat(numbers).isSorted());
    }
  }

  @Test
  void copyTruncateRotationLosesAndDuplicatesNoLine() throws Exception {
    // given
    Path file = dir.resolve("app.log");
    Files.writeString(file, line(0), UTF_8);
    try (TestingSourceTaskHarness harness = harness(file)) {
      harness.pollUntilCount(1);
      // when
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(() -> write(file, Rotation.COPY_TRUNCATE));
      pollUntilDelivered(harness, writer);
      settle(harness);
      // then: one file identity, read in order across every truncation
      assertExactlyOnce(harness.values());
      assertThat(harness.values().stream().map(FileSourceRotationTest::number).toList()).isSorted();
      assertThat(
              harness.records().stream()
                  .map(r -> r.sourcePartition().get(FileSourceTask.FILE_KEY))
                  .distinct())
          .hasSize(1);
    }
  }

  private enum Rotation {
    RENAME,
    COPY_TRUNCATE
  }

  private static void write(Path file, Rotation rotation) {
    try {
      OutputStream out =
          Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      int rotations = 0;
      long notBefore = System.nanoTime() + 100_000_000L;
      for (int i = 1; i < LINES; i++) {
        out.write(line(i).getBytes(UTF_8));
        if (i % 10 == 0) {
          LockSupport.parkNanos(100_000);
        }
        if (i % ROTATE_EVERY == 0 && i + 3 < LINES) {
          // Pacing of the simulated application: each file lives for many scan intervals even on a
          // busy machine, since a file created and rotated away between two scans is never seen
          // (a documented limit of scanning tailers).
          while (System.nanoTime() < notBefore) {
            LockSupport.parkNanos(1_000_000);
          }
          notBefore = System.nanoTime() + 100_000_000L;
          rotations++;
          Path rotated = file.resolveSibling(file.getFileName() + "." + rotations);
          if (rotation == Rotation.RENAME) {
            Files.move(file, rotated);
            for (int late = 1; late <= 3; late++) {
              out.write(line(i + late).getBytes(UTF_8));
            }
            i += 3;
            out.close();
            out =
                Files.newOutputStream(
                    file, StandardOpenOption.CREATE_NEW, StandardOpenOption.APPEND);
          } else {
            Files.copy(file, rotated);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
              channel.truncate(0);
            }
          }
        }
      }
      out.close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A few more polls: nothing more may arrive (a duplicate would). */
  private static void settle(TestingSourceTaskHarness harness) throws InterruptedException {
    for (int i = 0; i < 30; i++) {
      harness.pollOnce();
    }
  }

  private static void assertExactlyOnce(List<Object> values) {
    java.util.Set<Object> seen = new java.util.HashSet<>();
    List<Object> duplicates = values.stream().filter(v -> !seen.add(v)).toList();
    List<String> missing =
        IntStream.range(0, LINES)
            .mapToObj(i -> line(i).strip())
            .filter(v -> !seen.contains(v))
            .collect(Collectors.toList());
    assertThat(duplicates).as("duplicated lines").isEmpty();
    assertThat(missing).as("missing lines").isEmpty();
    assertThat(values).hasSize(LINES);
  }

  /** Polls until the writer is done and every line arrived, or 20 s after the writer is done. */
  private static void pollUntilDelivered(
      TestingSourceTaskHarness harness, CompletableFuture<Void> writer) throws Exception {
    long doneAt = Long.MAX_VALUE;
    while (true) {
      if (writer.isDone() && doneAt == Long.MAX_VALUE) {
        doneAt = System.nanoTime();
      }
      if (writer.isDone()
          && (harness.records().size() >= LINES || System.nanoTime() - doneAt > 20_000_000_000L)) {
        break;
      }
      harness.pollOnce();
    }
    writer.get(1, TimeUnit.SECONDS);
  }

  private static TestingSourceTaskHarness harness(Path file) {
    return new TestingSourceTaskHarness(
        Map.of(
            FileSourceConfig.FILE_PATTERNS_CONFIG, file.toString(),
            FileSourceConfig.FILE_SCAN_INTERVAL_MS_CONFIG, "10",
            FileSourceConfig.FINGERPRINT_BYTES_CONFIG, "256"));
  }

  private static String line(int i) {
    return String.format("line-%06d%n", i);
  }

  private static int number(Object value) {
    return Integer.parseInt(((String) value).substring("line-".length()));
  }
}
