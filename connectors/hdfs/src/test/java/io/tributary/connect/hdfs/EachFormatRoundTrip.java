package io.tributary.connect.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Drives a task through 25 struct records with {@code flush.size=10} in one format and codec, then
 * reads the committed files back with the format's own reader (Avro's DataFileStream,
 * parquet-avro's reader, text lines) and checks the codec each file was written with.
 */
final class EachFormatRoundTrip {
  static final Schema SCHEMA =
      SchemaBuilder.struct()
          .name("shop.Order")
          .field("id", Schema.INT64_SCHEMA)
          .field("item", Schema.STRING_SCHEMA)
          .build();

  private EachFormatRoundTrip() {}

  /** {format, codec key, codec, codec as the file reports it}. */
  static List<String[]> cases() {
    return List.of(
        new String[] {"avro", "avro.codec", "snappy", "snappy"},
        new String[] {"avro", "avro.codec", "deflate", "deflate"},
        new String[] {"parquet", "parquet.codec", "zstd", "ZSTD"},
        new String[] {"parquet", "parquet.codec", "snappy", "SNAPPY"},
        new String[] {"json", "avro.codec", "null", ""});
  }

  static void run(
      HdfsSinkTask task, String[] testCase, FileSystem fs, Path topicsDir, Configuration conf)
      throws IOException {
    List<SinkRecord> records = new ArrayList<>();
    for (long offset = 0; offset < 25; offset++) {
      Struct value = new Struct(SCHEMA).put("id", offset).put("item", "item-" + offset);
      records.add(
          new SinkRecord(
              HdfsSinkTaskTest.TOPIC,
              0,
              null,
              null,
              SCHEMA,
              value,
              offset,
              1L,
              TimestampType.CREATE_TIME));
    }
    task.put(records);

    List<Path> files = SinkFiles.committed(fs, topicsDir, HdfsSinkTaskTest.TOPIC);
    assertThat(files)
        .extracting(Path::getName)
        .containsExactly(
            "orders+0+0000000000+0000000009." + testCase[0],
            "orders+0+0000000010+0000000019." + testCase[0]);
    List<Long> ids = new ArrayList<>();
    for (Path file : files) {
      ids.addAll(read(fs, file, testCase, conf));
    }
    assertThat(ids).containsExactlyElementsOf(HdfsSinkTaskTest.range(0, 20));
  }

  private static List<Long> read(FileSystem fs, Path file, String[] testCase, Configuration conf)
      throws IOException {
    List<Long> ids = new ArrayList<>();
    switch (testCase[0]) {
      case "avro" -> {
        try (DataFileStream<GenericRecord> reader =
            new DataFileStream<>(fs.open(file), new GenericDatumReader<>())) {
          assertThat(reader.getMetaString("avro.codec")).isEqualTo(testCase[3]);
          for (GenericRecord row : reader) {
            assertThat(row.get("item").toString()).isEqualTo("item-" + row.get("id"));
            ids.add((Long) row.get("id"));
          }
        }
      }
      case "parquet" -> {
        HadoopInputFile input = HadoopInputFile.fromPath(file, conf);
        try (ParquetFileReader footer = ParquetFileReader.open(input)) {
          assertThat(footer.getFooter().getBlocks().get(0).getColumns().get(0).getCodec().name())
              .isEqualTo(testCase[3]);
        }
        try (ParquetReader<GenericRecord> reader =
            AvroParquetReader.<GenericRecord>builder(input).withConf(conf).build()) {
          GenericRecord row;
          while ((row = reader.read()) != null) {
            assertThat(row.get("item").toString()).isEqualTo("item-" + row.get("id"));
            ids.add((Long) row.get("id"));
          }
        }
      }
      default -> {
        for (String line : SinkFiles.lines(fs, file)) {
          assertThat(line).contains("\"item\":\"item-");
          ids.add(Long.parseLong(line.replaceAll(".*\"id\":(\\d+).*", "$1")));
        }
      }
    }
    return ids;
  }

  static Map<String, String> settings(String[] testCase) {
    return Map.of("format", testCase[0], testCase[1], testCase[2], "flush.size", "10");
  }
}
