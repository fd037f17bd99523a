package io.tributary.connect.hdfs.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordFileWriterCloseTest {

  @TempDir java.nio.file.Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"avro", "parquet", "json"})
  void closingTwiceIsHarmlessAndTheFileIsComplete(String name) throws IOException {
    // given
    ConfigDef def = new ConfigDef();
    Formats.define(def);
    RecordFormat format = Formats.create(new AbstractConfig(def, Map.of("format", name)));
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path path = new Path(dir.toUri().toString(), "twice" + format.extension());
    RecordFileWriter writer = format.open(fs, path, TestingRecords.ALL_TYPES);
    for (int i = 0; i < 3; i++) {
      writer.write(
          TestingRecords.record(TestingRecords.ALL_TYPES, TestingRecords.allTypes(i, null), i));
    }

    // when
    writer.close();
    writer.close();

    // then
    int count =
        switch (name) {
          case "avro" -> FormatReadBack.avro(fs, path).data().size();
          case "parquet" -> FormatReadBack.parquet(fs, path).size();
          default -> Files.readAllLines(java.nio.file.Path.of(path.toUri())).size();
        };
    assertThat(count).isEqualTo(3);
  }
}
