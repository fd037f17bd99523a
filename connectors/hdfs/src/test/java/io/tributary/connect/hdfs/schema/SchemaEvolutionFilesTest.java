package io.tributary.connect.hdfs.schema;

import static io.tributary.connect.hdfs.schema.SchemaCompatibilityTest.V1;
import static io.tributary.connect.hdfs.schema.SchemaCompatibilityTest.V2;
import static io.tributary.connect.hdfs.schema.SchemaCompatibilityTest.V3;
import static io.tributary.connect.hdfs.schema.SchemaCompatibilityTest.record;
import static io.tributary.connect.hdfs.schema.SchemaCompatibilityTest.v1;
import static io.tributary.connect.hdfs.schema.SchemaCompatibilityTest.v2;
import static io.tributary.connect.hdfs.schema.SchemaCompatibilityTest.v3;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.hdfs.format.Formats;
import io.tributary.connect.hdfs.format.RecordFileWriter;
import io.tributary.connect.hdfs.format.RecordFormat;
import io.tributary.registry.avro.AvroData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema change mid-stream written to real Parquet files: the records each mode projects are
 * accepted by the format's writer (which holds every record to the file's schema) and read back by
 * parquet-avro with the file's schema.
 */
class SchemaEvolutionFilesTest {
  private static final AvroData AVRO_DATA = new AvroData(16);

  @TempDir java.nio.file.Path dir;

  private List<Path> write(SchemaCompatibility mode, List<SinkRecord> records) throws IOException {
    ConfigDef def = new ConfigDef();
    Formats.define(def);
    RecordFormat format = Formats.create(new AbstractConfig(def, Map.of("format", "parquet")));
    FileSystem fs = FileSystem.getLocal(new Configuration());
    List<Path> files = new ArrayList<>();
    RecordFileWriter writer = null;
    Schema current = null;
    for (SinkRecord record : records) {
      if (writer == null || mode.shouldChangeSchema(record.valueSchema(), current)) {
        if (writer != null) {
          writer.close();
        }
        current = record.valueSchema();
        Path path = new Path(dir.toUri().toString(), mode + "-" + files.size() + ".parquet");
        files.add(path);
        writer = format.open(fs, path, current);
      }
      writer.write(mode.project(record, current));
    }
    writer.close();
    return files;
  }

  private static List<Object> read(Path path) throws IOException {
    Configuration conf = new Configuration();
    List<Object> values = new ArrayList<>();
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(HadoopInputFile.fromPath(path, conf))
            .withDataModel(GenericData.get())
            .build()) {
      for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
        values.add(AVRO_DATA.toConnectData(r.getSchema(), r).value());
      }
    }
    return values;
  }

  @Test
  void backwardWritesOlderRecordsIntoTheNewerSchemasFile() throws IOException {
    List<Path> files =
        write(
            SchemaCompatibility.BACKWARD,
            List.of(
                record(V1, v1(1)),
                record(V2, v2(2, "PAID")),
                record(V1, v1(3)),
                record(V3, v3(4, "SHIPPED", "x"))));

    assertThat(files).hasSize(3);
    assertThat(read(files.get(0))).containsExactly(v1(1));
    assertThat(read(files.get(1))).containsExactly(v2(2, "PAID"), v2(3, "NEW"));
    assertThat(read(files.get(2))).containsExactly(v3(4, "SHIPPED", "x"));
  }

  @Test
  void forwardWritesNewerRecordsIntoTheOlderSchemasFile() throws IOException {
    List<Path> files =
        write(
            SchemaCompatibility.FORWARD,
            List.of(
                record(V2, v2(1, "PAID")),
                record(V3, v3(2, "SHIPPED", "dropped")),
                record(V1, v1(3))));

    assertThat(files).hasSize(2);
    assertThat(read(files.get(0))).containsExactly(v2(1, "PAID"), v2(2, "SHIPPED"));
    assertThat(read(files.get(1))).containsExactly(v1(3));
  }

  @Test
  void noneWritesEachSchemaRunToItsOwnFile() throws IOException {
    List<Path> files =
        write(
            SchemaCompatibility.NONE,
            List.of(record(V1, v1(1)), record(V2, v2(2, "PAID")), record(V1, v1(3))));

    assertThat(files).hasSize(3);
    assertThat(read(files.get(1))).containsExactly(v2(2, "PAID"));
    assertThat(read(files.get(2))).containsExactly(v1(3));
  }
}
