package io.tributary.connect.file;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The file formats of the file sink, by their {@code format} config name and file extension. */
public enum SinkFormat {
  JSON("json", "json", JsonLinesRecordWriter::new),
  TEXT("text", "txt", TextRecordWriter::new),
  CSV("csv", "csv", CsvRecordWriter::new);

  private final String configName;
  private final String extension;
  private final Function<OutputStream, SinkRecordWriter> factory;

  SinkFormat(
      String configName, String extension, Function<OutputStream, SinkRecordWriter> factory) {
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
  SinkRecordWriter newWriter(OutputStream out) {
    return factory.apply(out);
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
