package io.tributary.connect.hdfs.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

class FormatsTest {

  private static AbstractConfig config(Map<String, String> props) {
    ConfigDef def = new ConfigDef();
    Formats.define(def);
    return new AbstractConfig(def, props);
  }

  @Test
  void defaultsToAvroWithoutCompressionLikeConfluent() {
    RecordFormat format = Formats.create(config(Map.of()));

    assertThat(format).isInstanceOf(AvroFormat.class);
    assertThat(format.extension()).isEqualTo(".avro");
    assertThat(format.toString()).isEqualTo("avro(null)");
  }

  @Test
  void shortNamesChooseTheFormat() {
    assertThat(Formats.create(config(Map.of("format", "json"))))
        .isInstanceOf(JsonLinesFormat.class);
    assertThat(Formats.create(config(Map.of("format", "PARQUET"))))
        .isInstanceOf(ParquetFormat.class);
    assertThat(Formats.create(config(Map.of("format", "avro", "avro.codec", "snappy"))).toString())
        .isEqualTo("avro(snappy)");
    assertThat(Formats.create(config(Map.of("format", "parquet"))).toString())
        .isEqualTo("parquet(SNAPPY)");
    assertThat(
            Formats.create(config(Map.of("format", "parquet", "parquet.codec", "zstd"))).toString())
        .isEqualTo("parquet(ZSTD)");
  }

  @Test
  void confluentFormatClassNamesMapToOurFormats() {
    assertThat(
            Formats.create(
                config(Map.of("format.class", "io.confluent.connect.hdfs.avro.AvroFormat"))))
        .isInstanceOf(AvroFormat.class);
    assertThat(
            Formats.create(
                config(Map.of("format.class", "io.confluent.connect.hdfs.parquet.ParquetFormat"))))
        .isInstanceOf(ParquetFormat.class);
    assertThat(
            Formats.create(
                config(Map.of("format.class", "io.confluent.connect.hdfs.json.JsonFormat"))))
        .isInstanceOf(JsonLinesFormat.class);
  }

  @Test
  void aCustomRecordFormatClassIsInstantiated() {
    RecordFormat format =
        Formats.create(config(Map.of("format.class", UpperJsonFormat.class.getName())));

    assertThat(format).isInstanceOf(UpperJsonFormat.class);
  }

  @Test
  void contradictoryFormatAndFormatClassAreRejected() {
    assertThatThrownBy(
            () ->
                Formats.create(
                    config(
                        Map.of(
                            "format", "json",
                            "format.class", "io.confluent.connect.hdfs.avro.AvroFormat"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("format.class")
        .hasMessageContaining("format=json");
  }

  @Test
  void badValuesAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> config(Map.of("format", "orc")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("format")
        .hasMessageContaining("orc");
    assertThatThrownBy(() -> config(Map.of("avro.codec", "lz4")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("avro.codec");
    assertThatThrownBy(() -> config(Map.of("parquet.codec", "brotli")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("parquet.codec");
    assertThatThrownBy(() -> Formats.create(config(Map.of("format.class", "com.example.Nope"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("format.class")
        .hasMessageContaining("com.example.Nope");
    assertThatThrownBy(() -> Formats.create(config(Map.of("format.class", String.class.getName()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not implement");
  }

  @Test
  void unknownFormatClassesFailValidation() {
    ConfigDef def = new ConfigDef();
    Formats.define(def);

    assertThat(def.validate(Map.of("format.class", "com.example.Nope")))
        .filteredOn(v -> v.name().equals("format.class"))
        .singleElement()
        .satisfies(v -> assertThat(v.errorMessages()).singleElement().asString().contains("Nope"));
  }

  @Test
  void everyKeyIsDocumented() {
    ConfigDef def = new ConfigDef();
    Formats.define(def);

    assertThat(def.configKeys().values())
        .allSatisfy(key -> assertThat(key.documentation).isNotBlank());
    assertThat(def.names()).contains("format", "format.class", "avro.codec", "parquet.codec");
  }

  /** A user format: JSON lines under another name. */
  public static final class UpperJsonFormat implements RecordFormat {
    private final JsonLinesFormat json = new JsonLinesFormat();

    @Override
    public String name() {
      return "upper";
    }

    @Override
    public String extension() {
      return ".jsonl";
    }

    @Override
    public RecordFileWriter open(FileSystem fs, Path path, Schema valueSchema)
        throws java.io.IOException {
      return json.open(fs, path, valueSchema);
    }
  }
}
