package io.tributary.connect.hdfs.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each format on a real in-process HDFS (one MiniDFSCluster for the class), written through the
 * formats the config chooses and read back by a second, independent client with Avro's and
 * Parquet's own readers: a closed file is complete for every reader.
 */
class FormatsOnHdfsIT {
  @TempDir static java.nio.file.Path base;
  static MiniDFSCluster cluster;
  static FileSystem writerFs;
  static FileSystem readerFs;

  @BeforeAll
  static void startCluster() throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    writerFs = FileSystem.newInstance(cluster.getURI(), cluster.getConfiguration(0));
    readerFs = FileSystem.newInstance(cluster.getURI(), cluster.getConfiguration(0));
  }

  @AfterAll
  static void stopCluster() throws IOException {
    if (writerFs != null) {
      writerFs.close();
    }
    if (readerFs != null) {
      readerFs.close();
    }
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  private static RecordFormat format(Map<String, String> props) {
    ConfigDef def = new ConfigDef();
    Formats.define(def);
    return Formats.create(new AbstractConfig(def, props));
  }

  private static List<Struct> writeAll(RecordFormat format, Path path) throws IOException {
    List<Struct> written = new ArrayList<>();
    try (RecordFileWriter writer = format.open(writerFs, path, TestingRecords.ALL_TYPES)) {
      for (int i = 0; i < 50; i++) {
        Struct value = TestingRecords.allTypes(i, i % 3 == 0 ? null : "n" + i);
        writer.write(TestingRecords.record(TestingRecords.ALL_TYPES, value, i));
        written.add(value);
      }
    }
    return written;
  }

  @Test
  void avroWithDeflateReadsBackFromHdfs() throws IOException {
    // given
    Path path = new Path("/topics/orders/partition=3/orders+3+0+49.avro");
    RecordFormat format = format(Map.of("format", "avro", "avro.codec", "deflate"));

    // when
    List<Struct> written = writeAll(format, path);

    // then
    FormatReadBack.AvroFile file = FormatReadBack.avro(readerFs, path);
    assertThat(file.codec()).isEqualTo("deflate");
    List<Object> back = new ArrayList<>();
    for (Object datum : file.data()) {
      back.add(FormatReadBack.toConnect(file.schema(), datum).value());
    }
    assertThat(back).isEqualTo(written);
  }

  @Test
  void parquetWithZstdReadsBackFromHdfs() throws IOException {
    // given
    Path path = new Path("/topics/orders/partition=3/orders+3+0+49.parquet");
    RecordFormat format = format(Map.of("format", "parquet", "parquet.codec", "zstd"));

    // when
    List<Struct> written = writeAll(format, path);

    // then
    List<Object> back = new ArrayList<>();
    for (GenericRecord record : FormatReadBack.parquet(readerFs, path)) {
      back.add(FormatReadBack.toConnect(record.getSchema(), record).value());
    }
    assertThat(back).isEqualTo(written);
  }

  @Test
  void jsonLinesReadBackFromHdfs() throws IOException {
    // given
    Path path = new Path("/topics/orders/partition=3/orders+3+0+49.json");
    RecordFormat format = format(Map.of("format", "json"));

    // when
    writeAll(format, path);

    // then
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(readerFs.open(path), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    }
    assertThat(lines).hasSize(50);
    ObjectMapper mapper = new ObjectMapper();
    for (int i = 0; i < lines.size(); i++) {
      assertThat(mapper.readTree(lines.get(i)).get("text").asText()).isEqualTo("row-" + i);
    }
  }
}
