package io.tributary.broker.internal.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerIdManagerTest {
  @TempDir Path dataDir;

  @Test
  void idsAreNeverHandedOutTwiceAcrossRestartsWithoutAnyClose() throws IOException {
    // Given ids taken from a first instance, across a block boundary
    Set<Long> given = new HashSet<>();
    ProducerIdManager first = ProducerIdManager.open(dataDir);
    for (int i = 0; i < ProducerIdManager.BLOCK_SIZE + 3; i++) {
      assertThat(given.add(first.nextProducerId())).isTrue();
    }
    long highest = given.stream().mapToLong(Long::longValue).max().orElseThrow();
    // When the broker "crashes" (the instance is dropped) and a new one opens the directory
    ProducerIdManager second = ProducerIdManager.open(dataDir);
    // Then its ids are new and above all the earlier ones (the rest of the block is skipped)
    long next = second.nextProducerId();
    assertThat(next).isGreaterThan(highest).isEqualTo(2 * ProducerIdManager.BLOCK_SIZE);
    assertThat(Files.readString(dataDir.resolve(ProducerIdManager.FILE_NAME)))
        .contains("\"nextBlockStart\":" + 3 * ProducerIdManager.BLOCK_SIZE);
  }

  @Test
  void aFreshDirectoryStartsAtZero() throws IOException {
    assertThat(ProducerIdManager.open(dataDir).nextProducerId()).isZero();
  }
}
