package io.tributary.connect.hdfs.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFormatTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir java.nio.file.Path dir;

  private final RecordFormat format = new JsonLinesFormat();

  private FileSystem localFs() throws IOException {
    return FileSystem.getLocal(new Configuration());
  }

  @Test
  void writesOneJsonObjectPerStructRecordWithEveryConnectType() throws IOException {
    // given
    FileSystem fs = localFs();
    Path path = new Path(dir.toUri().toString(), "orders+3+0+1.json");

    // when
    try (RecordFileWriter writer = format.open(fs, path, TestingRecords.ALL_TYPES)) {
      writer.write(
          TestingRecords.record(TestingRecords.ALL_TYPES, TestingRecords.allTypes(0, "n"), 0));
      writer.write(
          TestingRecords.record(TestingRecords.ALL_TYPES, TestingRecords.allTypes(1, null), 1));
    }

    // then
    List<String> lines = Files.readAllLines(java.nio.file.Path.of(path.toUri()));
    assertThat(lines).hasSize(2);
    JsonNode first = MAPPER.readTree(lines.get(0));
    assertThat(first.get("i8").asInt()).isZero();
    assertThat(first.get("i64").asLong()).isZero();
    assertThat(first.get("f32").asDouble()).isEqualTo(0.5);
    assertThat(first.get("flag").asBoolean()).isTrue();
    assertThat(first.get("text").asText()).isEqualTo("row-0");
    assertThat(Base64.getDecoder().decode(first.get("raw").asText()))
        .isEqualTo("bytes-0".getBytes(StandardCharsets.UTF_8));
    assertThat(first.get("amount").decimalValue()).isEqualByComparingTo("12.34");
    assertThat(first.get("day").asInt()).isEqualTo(TestingRecords.DAY);
    assertThat(first.get("clock").asInt()).isEqualTo(TestingRecords.CLOCK_MILLIS);
    assertThat(first.get("at").asLong()).isEqualTo(TestingRecords.AT_MILLIS);
    assertThat(first.get("note").asText()).isEqualTo("n");
    assertThat(first.get("address").get("city").asText()).isEqualTo("Paris");
    assertThat(first.get("address").get("zip").asInt()).isZero();
    assertThat(first.get("tags").get(1).asText()).isEqualTo("b0");
    assertThat(first.get("scores").get("k0").asLong()).isZero();
    JsonNode second = MAPPER.readTree(lines.get(1));
    assertThat(second.get("i32").asInt()).isEqualTo(1000);
    assertThat(second.get("note").isNull()).isTrue();
    assertThat(second.get("address").get("zip").isNull()).isTrue();
  }

  @Test
  void writesSchemalessMapsAndScalars() throws IOException {
    // given
    FileSystem fs = localFs();
    Path path = new Path(dir.toUri().toString(), "logs.json");
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("level", "INFO");
    value.put("count", 3L);
    value.put("nested", Map.of("ok", true));
    value.put("list", List.of(1, 2));

    // when
    try (RecordFileWriter writer = format.open(fs, path, null)) {
      writer.write(TestingRecords.record(null, value, 7));
      writer.write(TestingRecords.record(null, "plain", 8));
      writer.write(TestingRecords.record(Schema.INT64_SCHEMA, 42L, 9));
    }

    // then
    List<String> lines = Files.readAllLines(java.nio.file.Path.of(path.toUri()));
    assertThat(lines)
        .containsExactly(
            "{\"level\":\"INFO\",\"count\":3,\"nested\":{\"ok\":true},\"list\":[1,2]}",
            "\"plain\"",
            "42");
  }

  @Test
  void bytesWrittenIsTheFileLengthAfterClose() throws IOException {
    // given
    FileSystem fs = localFs();
    Path path = new Path(dir.toUri().toString(), "size.json");
    long counted;

    // when
    try (RecordFileWriter writer = format.open(fs, path, null)) {
      for (int i = 0; i < 100; i++) {
        writer.write(TestingRecords.record(null, Map.of("i", i), i));
      }
      counted = writer.bytesWritten();
    }

    // then
    assertThat(counted).isPositive().isEqualTo(fs.getFileStatus(path).getLen());
  }

  @Test
  void aValueThatCannotBeWrittenLeavesNoPartialLine() throws IOException {
    // given
    FileSystem fs = localFs();
    Path path = new Path(dir.toUri().toString(), "partial.json");

    // when
    try (RecordFileWriter writer = format.open(fs, path, null)) {
      writer.write(TestingRecords.record(null, Map.of("a", 1), 0));
      Map<String, Object> bad = new LinkedHashMap<>();
      bad.put("fine", 1);
      bad.put("broken", new Object());
      assertThatThrownBy(() -> writer.write(TestingRecords.record(null, bad, 1)))
          .isInstanceOf(DataException.class)
          .hasMessageContaining("java.lang.Object");
      writer.write(TestingRecords.record(null, Map.of("b", 2), 2));
    }

    // then
    assertThat(Files.readAllLines(java.nio.file.Path.of(path.toUri())))
        .containsExactly("{\"a\":1}", "{\"b\":2}");
  }

  @Test
  void refusesToOverwriteAnExistingFile() throws IOException {
    // given
    FileSystem fs = localFs();
    Path path = new Path(dir.toUri().toString(), "exists.json");
    format.open(fs, path, null).close();

    // when / then
    assertThatThrownBy(() -> format.open(fs, path, null))
        .isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  void namesItsFilesJson() {
    assertThat(format.name()).isEqualTo("json");
    assertThat(format.extension()).isEqualTo(".json");
  }
}
