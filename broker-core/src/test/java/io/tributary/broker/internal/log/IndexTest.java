package io.tributary.broker.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offset and time indexes against a reference model (a TreeMap). */
class IndexTest {
  @TempDir Path dir;

  @Test
  void offsetIndexLookupsMatchTheReferenceModelAndSurviveReopening() throws IOException {
    for (long seed = 1; seed <= 5; seed++) {
      // Given an index with random increasing entries, and the same entries in a TreeMap
      System.out.println("IndexTest offset seed " + seed);
      Random random = new Random(seed);
      long base = random.nextInt(1000);
      Path file = dir.resolve(seed + ".index");
      TreeMap<Long, Integer> model = new TreeMap<>();
      try (OffsetIndex index = new OffsetIndex(file, base, 8 * 500)) {
        long offset = base + random.nextInt(3);
        int position = 0;
        while (!index.isFull()) {
          index.append(offset, position);
          model.put(offset, position);
          offset += 1 + random.nextInt(50);
          position += 1 + random.nextInt(4000);
        }
        assertThat(index.entries()).isEqualTo(500);
        // When looking up offsets all over the range, then the index agrees with the model
        assertLookups(index, model, base, offset, random);
      }
      // When reopening the file, then the same entries come back and pass the sanity check
      try (OffsetIndex reopened = new OffsetIndex(file, base, 8 * 500)) {
        assertThat(reopened.entries()).isEqualTo(500);
        assertThat(reopened.sanityProblem(Integer.MAX_VALUE)).isNull();
        assertLookups(reopened, model, base, model.lastKey() + 10, random);
      }
    }
  }

  private static void assertLookups(
      OffsetIndex index, TreeMap<Long, Integer> model, long base, long max, Random random) {
    for (int i = 0; i < 2000; i++) {
      long target = base - 5 + (long) (random.nextDouble() * (max - base + 10));
      Map.Entry<Long, Integer> expected = model.floorEntry(target);
      assertThat(index.lookup(target))
          .as("lookup(%d)", target)
          .isEqualTo(expected == null ? 0 : expected.getValue());
    }
    for (Map.Entry<Long, Integer> e : model.entrySet()) {
      assertThat(index.lookup(e.getKey())).isEqualTo(e.getValue());
    }
  }

  @Test
  void timeIndexLookupsMatchTheReferenceModel() throws IOException {
    for (long seed = 1; seed <= 5; seed++) {
      System.out.println("IndexTest time seed " + seed);
      Random random = new Random(seed);
      long base = 100;
      Path file = dir.resolve(seed + ".timeindex");
      TreeMap<Long, Long> model = new TreeMap<>();
      try (TimeIndex index = new TimeIndex(file, base, 12 * 300)) {
        long ts = 1_700_000_000_000L;
        long offset = base;
        while (!index.isFull()) {
          // non-increasing timestamps are ignored, as the segment never lowers its maximum
          long candidate = ts + random.nextInt(100) - 20;
          index.maybeAppend(candidate, offset);
          if (model.isEmpty() || candidate > model.lastKey()) {
            model.put(candidate, offset);
          }
          ts = Math.max(ts, candidate);
          offset += random.nextInt(20);
        }
        assertThat(index.entries()).isEqualTo(model.size());
        assertTimeLookups(index, model, base, random);
      }
      try (TimeIndex reopened = new TimeIndex(file, base, 12 * 300)) {
        assertThat(reopened.sanityProblem()).isNull();
        assertTimeLookups(reopened, model, base, random);
        assertThat(reopened.lastTimestamp()).isEqualTo(model.lastKey());
      }
    }
  }

  private static void assertTimeLookups(
      TimeIndex index, TreeMap<Long, Long> model, long base, Random random) {
    long lo = model.firstKey() - 10;
    long hi = model.lastKey() + 10;
    for (int i = 0; i < 2000; i++) {
      long target = lo + (long) (random.nextDouble() * (hi - lo));
      Map.Entry<Long, Long> expected = model.lowerEntry(target);
      assertThat(index.lookup(target))
          .as("lookup(%d)", target)
          .isEqualTo(expected == null ? base : expected.getValue());
    }
  }

  @Test
  void tornOrDisorderedIndexFilesFailTheSanityCheck() throws IOException {
    // Given an index whose file lost half an entry
    Path file = dir.resolve("torn.index");
    try (OffsetIndex index = new OffsetIndex(file, 0, 1024)) {
      index.append(0, 0);
      index.append(10, 500);
    }
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, 12));
    try (OffsetIndex reopened = new OffsetIndex(file, 0, 1024)) {
      assertThat(reopened.sanityProblem(1000)).contains("multiple");
    }
    // Given an index whose entries go backwards
    bytes[12] = 0;
    bytes[13] = 0;
    bytes[14] = 0;
    bytes[15] = 0;
    Files.write(file, bytes);
    try (OffsetIndex reopened = new OffsetIndex(file, 0, 1024)) {
      assertThat(reopened.sanityProblem(1000)).contains("does not follow");
    }
    // Given an index pointing past the log's end
    try (OffsetIndex index = new OffsetIndex(dir.resolve("past.index"), 0, 1024)) {
      index.append(0, 0);
      index.append(5, 2000);
      assertThat(index.sanityProblem(1000)).contains("past the end");
    }
  }
}
