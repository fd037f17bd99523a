package io.tributary.connect.file;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/** The file formats of the file sink, by their {@code format} config name and file extension. */
public enum SinkFormat {
  JSON("json", "json", (out, spec) -> new JsonLinesRecordWriter(out)),
  TEXT("text", "txt", (out, spec) -> new TextRecordWriter(out)),
  CSV("csv", "csv", (out, spec) -> new CsvRecordWriter(out)),
  AVRO("avro", "avro", (out, spec) -> new AvroRecordWriter(out, spec.avroCodec()));

  private final String configName;
  private final String extension;
  private final BiFunction<OutputStream, SinkFileSpec, SinkRecordWriter> factory;

  SinkFormat(
      String configName,
      String extension,
      BiFunction<OutputStream, SinkFileSpec, SinkRecordWriter> factory) {
    this.configName = configName;
    this.extension = extension;
    this.factory = factory;
  }

  public String configName() {
    return configName;
  }

  /** The file name extension, without the dot and without the compression suffix. */
  public String extension() {
    return extension;
  }

  /** A writer of this format for one new file, writing to {@code out} (which it does not close). */
  SinkRecordWriter newWriter(OutputStream out, SinkFileSpec spec) {
    return factory.apply(out, spec);
  }

  static List<String> names() {
    return Arrays.stream(values()).map(SinkFormat::configName).toList();
  }

  static SinkFormat of(String configName) {
    for (SinkFormat format : values()) {
      if (format.configName.equals(configName)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "Unknown format '" + configName + "': expected one of " + names());
  }
}
