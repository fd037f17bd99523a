package io.tributary.connect.hdfs.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParquetFormatTest {

  @TempDir java.nio.file.Path dir;

  private FileSystem fs() throws IOException {
    return FileSystem.getLocal(new Configuration());
  }

  private Path path(String name) {
    return new Path(dir.toUri().toString(), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"uncompressed", "snappy", "gzip", "zstd"})
  void everyConnectTypeReadsBackThroughParquetAvroWithEachCodec(String codec) throws IOException {
    // given
    RecordFormat format = new ParquetFormat(ParquetCodecs.named(codec));
    Path path = path("all-" + codec + ".parquet");
    List<Struct> written =
        List.of(TestingRecords.allTypes(0, "first"), TestingRecords.allTypes(1, null));

    // when
    try (RecordFileWriter writer = format.open(fs(), path, TestingRecords.ALL_TYPES)) {
      for (int i = 0; i < written.size(); i++) {
        writer.write(TestingRecords.record(TestingRecords.ALL_TYPES, written.get(i), i));
      }
    }

    // then
    assertThat(codecOf(path)).isEqualTo(ParquetCodecs.named(codec));
    List<GenericRecord> read = FormatReadBack.parquet(fs(), path);
    assertThat(read).hasSize(2);
    for (int i = 0; i < written.size(); i++) {
      GenericRecord record = read.get(i);
      assertThat(FormatReadBack.toConnect(record.getSchema(), record).value())
          .isEqualTo(written.get(i));
    }
  }

  @Test
  void optionalFieldsNestedStructsArraysAndMapsReadBack() throws IOException {
    // given
    RecordFormat format = new ParquetFormat(ParquetCodecs.named("snappy"));
    Path path = path("edges.parquet");
    List<Struct> written = List.of(TestingRecords.edges(1, false), TestingRecords.edges(2, true));

    // when
    try (RecordFileWriter writer = format.open(fs(), path, TestingRecords.EDGES)) {
      for (int i = 0; i < written.size(); i++) {
        writer.write(TestingRecords.record(TestingRecords.EDGES, written.get(i), i));
      }
    }

    // then
    List<GenericRecord> read = FormatReadBack.parquet(fs(), path);
    assertThat(read).hasSize(2);
    for (int i = 0; i < written.size(); i++) {
      GenericRecord record = read.get(i);
      assertThat(FormatReadBack.toConnect(record.getSchema(), record).value())
          .isEqualTo(written.get(i));
    }
  }

  @Test
  void bytesWrittenGrowsWithTheRecords() throws IOException {
    // given
    RecordFormat format = new ParquetFormat(ParquetCodecs.named("uncompressed"));
    Path path = path("size.parquet");
    long few;
    long many;

    // when
    try (RecordFileWriter writer = format.open(fs(), path, TestingRecords.ALL_TYPES)) {
      for (int i = 0; i < 10; i++) {
        writer.write(
            TestingRecords.record(TestingRecords.ALL_TYPES, TestingRecords.allTypes(i, "x"), i));
      }
      few = writer.bytesWritten();
      for (int i = 10; i < 2000; i++) {
        writer.write(
            TestingRecords.record(TestingRecords.ALL_TYPES, TestingRecords.allTypes(i, "x"), i));
      }
      many = writer.bytesWritten();
    }

    // then
    long length = fs().getFileStatus(path).getLen();
    assertThat(few).isPositive();
    assertThat(many).isGreaterThan(few * 50);
    assertThat((double) many).isBetween(length * 0.5, length * 2.0);
  }

  @Test
  void nonStructValuesAreRejected() {
    RecordFormat format = new ParquetFormat(ParquetCodecs.named("snappy"));

    assertThatThrownBy(() -> format.open(fs(), path("s.parquet"), Schema.STRING_SCHEMA))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("struct");
    assertThatThrownBy(() -> format.open(fs(), path("n.parquet"), null))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("schemaless");
  }

  @Test
  void aStructParquetCannotHoldIsRejectedBeforeAFileIsCreated() throws IOException {
    RecordFormat format = new ParquetFormat(ParquetCodecs.named("snappy"));
    Schema empty = org.apache.kafka.connect.data.SchemaBuilder.struct().name("Empty").build();
    Path path = path("empty.parquet");

    assertThatThrownBy(() -> format.open(fs(), path, empty))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Empty")
        .hasMessageContaining("format=avro");
    assertThat(fs().exists(path)).isFalse();
  }

  private CompressionCodecName codecOf(Path path) throws IOException {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(path, fs().getConf()))) {
      return reader.getFooter().getBlocks().get(0).getColumns().get(0).getCodec();
    }
  }
}
