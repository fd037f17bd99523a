package io.tributary.connect.hdfs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.hdfs.format.Formats;
import io.tributary.connect.hdfs.format.RecordFileWriter;
import io.tributary.connect.hdfs.format.RecordFormat;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommittedFileSchemaTest {
  static final Schema V3 =
      SchemaBuilder.struct()
          .name("io.tributary.test.Order")
          .version(3)
          .field("id", Schema.INT64_SCHEMA)
          .field("status", SchemaBuilder.string().defaultValue("NEW").build())
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  @TempDir java.nio.file.Path dir;

  private static RecordFormat format(String name) {
    ConfigDef def = new ConfigDef();
    Formats.define(def);
    return Formats.create(new AbstractConfig(def, Map.of("format", name)));
  }

  private Path writeOne(String formatName) throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    RecordFormat format = format(formatName);
    Path path = new Path(dir.toUri().toString(), "orders+0+0+0" + format.extension());
    Struct value = new Struct(V3).put("id", 1L).put("status", "PAID");
    try (RecordFileWriter writer = format.open(fs, path, V3)) {
      writer.write(new SinkRecord("orders", 0, null, null, V3, value, 0L));
    }
    return path;
  }

  @ParameterizedTest
  @ValueSource(strings = {"avro", "parquet"})
  void theSchemaOfACommittedFileIsTheSchemaItWasWrittenWithVersionIncluded(String format)
      throws IOException {
    // given
    Path path = writeOne(format);

    // when
    Schema schema = new CommittedFileSchema().read(FileSystem.getLocal(new Configuration()), path);

    // then: equal, so a restarted sink compares versions and projects exactly as before
    assertThat(schema).isEqualTo(V3);
    assertThat(schema.version()).isEqualTo(3);
    assertThat(SchemaCompatibility.BACKWARD.shouldChangeSchema(V3, schema)).isFalse();
  }

  @Test
  void jsonLinesFilesKeepNoSchema() throws IOException {
    Path path = writeOne("json");

    assertThat(new CommittedFileSchema().read(FileSystem.getLocal(new Configuration()), path))
        .isNull();
  }
}
