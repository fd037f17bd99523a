package io.tributary.connect.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.hdfs.HdfsStorage.PendingRename;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits of several files through a commit intent, and recovery of an interrupted one. */
class HdfsStorageTest {
  static final TopicPartition TP = new TopicPartition("clicks", 3);

  @TempDir java.nio.file.Path dir;
  FileSystem fs;
  HdfsStorage storage;

  @BeforeEach
  void setUp() throws IOException {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
    conf.set("fs.AbstractFileSystem.file.impl", "org.apache.hadoop.fs.local.RawLocalFs");
    fs = FileSystem.newInstance(dir.toUri(), conf);
    storage =
        new HdfsStorage(
            fs, FileContext.getFileContext(fs.getUri(), conf), dir.toString(), "topics", "logs");
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  Path tempFile(long first, String content) throws IOException {
    storage.prepareTempDir(TP);
    Path temp = storage.newTempFile(TP, first, ".json");
    try (FSDataOutputStream out = fs.create(temp, false)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return temp;
  }

  PendingRename rename(Path temp, String partitionPath, long first, long last) {
    return new PendingRename(
        temp,
        storage.committedPath(partitionPath, new CommittedFile(TP, first, last, ".json"), 10));
  }

  String content(Path path) throws IOException {
    try (var in = fs.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aCommitOfSeveralFilesRenamesThemAllAndLeavesNoIntent() throws IOException {
    // Given two open files of one partition in two partition paths
    PendingRename a = rename(tempFile(0, "a"), "day=1", 0, 4);
    PendingRename b = rename(tempFile(2, "b"), "day=2", 2, 5);

    // When they are committed together
    storage.commit(TP, List.of(a, b));

    // Then both are renamed and no intent is left
    assertThat(SinkFiles.list(fs, storage.topicsDir()))
        .containsExactly(
            "clicks/day=1/clicks+3+0000000000+0000000004.json",
            "clicks/day=2/clicks+3+0000000002+0000000005.json");
    assertThat(SinkFiles.list(fs, new Path(dir.toUri().toString(), "logs"))).isEmpty();
    assertThat(storage.recover(TP)).contains(5L);
  }

  @Test
  void recoveryFinishesACommitInterruptedBetweenTwoRenames() throws IOException {
    // Given a commit of two files that crashed after its intent and the first rename
    PendingRename a = rename(tempFile(0, "a"), "day=1", 0, 4);
    PendingRename b = rename(tempFile(2, "b"), "day=2", 2, 5);
    Path intent = new Path(dir.toUri().toString(), "logs/clicks/3/" + HdfsStorage.INTENT_FILE);
    try (FSDataOutputStream out = fs.create(intent, false)) {
      out.write(
          (a.from() + "\t" + a.to() + "\n" + b.from() + "\t" + b.to() + "\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    fs.mkdirs(a.to().getParent());
    fs.rename(a.from(), a.to());
    // and a leftover of a file that was still being written
    tempFile(6, "c");

    // When the partition is recovered
    Optional<Long> last = storage.recover(TP);

    // Then the second rename is done, the intent and the leftover are gone
    assertThat(last).contains(5L);
    assertThat(SinkFiles.list(fs, storage.topicsDir()))
        .containsExactly(
            "clicks/day=1/clicks+3+0000000000+0000000004.json",
            "clicks/day=2/clicks+3+0000000002+0000000005.json");
    assertThat(fs.exists(intent)).isFalse();
    assertThat(content(b.to())).isEqualTo("b");
  }

  @Test
  void recoveryIgnoresOtherPartitionsAndForeignFiles() throws IOException {
    fs.mkdirs(new Path(storage.topicsDir(), "clicks/partition=3"));
    fs.create(
            new Path(storage.topicsDir(), "clicks/partition=3/clicks+4+0000000000+0000000099.json"))
        .close();
    fs.create(new Path(storage.topicsDir(), "clicks/partition=3/_SUCCESS")).close();
    fs.create(
            new Path(storage.topicsDir(), "clicks/partition=3/clicks+3+0000000007+0000000008.avro"))
        .close();

    assertThat(storage.recover(TP)).contains(8L);
    assertThat(storage.recover(new TopicPartition("other", 3))).isEmpty();
  }
}
