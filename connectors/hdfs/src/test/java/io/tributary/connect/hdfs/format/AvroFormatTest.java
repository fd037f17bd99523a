package io.tributary.connect.hdfs.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AvroFormatTest {

  @TempDir java.nio.file.Path dir;

  private FileSystem fs() throws IOException {
    return FileSystem.getLocal(new Configuration());
  }

  private Path path(String name) {
    return new Path(dir.toUri().toString(), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "deflate", "snappy", "bzip2", "zstandard"})
  void everyConnectTypeReadsBackThroughAvrosReaderWithEachCodec(String codec) throws IOException {
    // given
    RecordFormat format = new AvroFormat(AvroCodecs.named(codec));
    Path path = path("all-" + codec + ".avro");
    List<Struct> written =
        List.of(TestingRecords.allTypes(0, "first"), TestingRecords.allTypes(1, null));

    // when
    try (RecordFileWriter writer = format.open(fs(), path, TestingRecords.ALL_TYPES)) {
      for (int i = 0; i < written.size(); i++) {
        writer.write(TestingRecords.record(TestingRecords.ALL_TYPES, written.get(i), i));
      }
    }

    // then
    FormatReadBack.AvroFile file = FormatReadBack.avro(fs(), path);
    assertThat(file.codec()).isEqualTo(codec);
    assertThat(file.schema().getField("amount").schema().getLogicalType().getName())
        .isEqualTo("decimal");
    assertThat(file.schema().getField("at").schema().getLogicalType().getName())
        .isEqualTo("timestamp-millis");
    assertThat(file.data()).hasSize(2);
    for (int i = 0; i < written.size(); i++) {
      SchemaAndValue back = FormatReadBack.toConnect(file.schema(), file.data().get(i));
      assertThat(back.schema()).isEqualTo(TestingRecords.ALL_TYPES);
      assertThat(back.value()).isEqualTo(written.get(i));
    }
  }

  @Test
  void optionalFieldsNestedStructsArraysAndMapsReadBack() throws IOException {
    // given
    RecordFormat format = new AvroFormat(AvroCodecs.named("snappy"));
    Path path = path("edges.avro");
    List<Struct> written = List.of(TestingRecords.edges(1, false), TestingRecords.edges(2, true));

    // when
    try (RecordFileWriter writer = format.open(fs(), path, TestingRecords.EDGES)) {
      for (int i = 0; i < written.size(); i++) {
        writer.write(TestingRecords.record(TestingRecords.EDGES, written.get(i), i));
      }
    }

    // then
    FormatReadBack.AvroFile file = FormatReadBack.avro(fs(), path);
    assertThat(file.data()).hasSize(2);
    for (int i = 0; i < written.size(); i++) {
      assertThat(FormatReadBack.toConnect(file.schema(), file.data().get(i)).value())
          .isEqualTo(written.get(i));
    }
  }

  @Test
  void aPrimitiveValueSchemaMakesAPrimitiveAvroFile() throws IOException {
    // given
    RecordFormat format = new AvroFormat(AvroCodecs.named("null"));
    Path path = path("strings.avro");

    // when
    try (RecordFileWriter writer = format.open(fs(), path, Schema.STRING_SCHEMA)) {
      writer.write(TestingRecords.record(Schema.STRING_SCHEMA, "a", 0));
      writer.write(TestingRecords.record(Schema.STRING_SCHEMA, "b", 1));
    }

    // then
    FormatReadBack.AvroFile file = FormatReadBack.avro(fs(), path);
    assertThat(file.schema().getType()).isEqualTo(org.apache.avro.Schema.Type.STRING);
    assertThat(file.data()).extracting(Object::toString).containsExactly("a", "b");
  }

  @Test
  void bytesWrittenTracksTheFileSize() throws IOException {
    // given
    RecordFormat format = new AvroFormat(AvroCodecs.named("null"));
    Path path = path("size.avro");
    long before;
    long after;

    // when
    try (RecordFileWriter writer = format.open(fs(), path, TestingRecords.ALL_TYPES)) {
      before = writer.bytesWritten();
      for (int i = 0; i < 2000; i++) {
        writer.write(
            TestingRecords.record(TestingRecords.ALL_TYPES, TestingRecords.allTypes(i, "x"), i));
      }
      after = writer.bytesWritten();
    }

    // then: at most one open block (Avro's 64 KB sync interval) behind the final size
    long length = fs().getFileStatus(path).getLen();
    assertThat(after).isGreaterThan(before).isLessThanOrEqualTo(length);
    assertThat(length - after).isLessThan(64 * 1024 + 1024);
  }

  @Test
  void schemalessValuesAndForeignSchemasAreRejected() throws IOException {
    RecordFormat format = new AvroFormat(AvroCodecs.named("null"));

    assertThatThrownBy(() -> format.open(fs(), path("none.avro"), null))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("format=json");

    try (RecordFileWriter writer = format.open(fs(), path("other.avro"), TestingRecords.EDGES)) {
      assertThatThrownBy(
              () ->
                  writer.write(
                      TestingRecords.record(
                          TestingRecords.ALL_TYPES, TestingRecords.allTypes(0, null), 17)))
          .isInstanceOf(DataException.class)
          .hasMessageContaining("orders-3@17")
          .hasMessageContaining("io.tributary.test.AllTypes version 1");
    }
  }
}
