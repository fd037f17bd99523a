package io.tributary.connect.hdfs.format;

import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigException;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** The {@code parquet.codec} names and the Parquet codec each stands for. */
final class ParquetCodecs {
  static final List<String> NAMES = List.of("uncompressed", "none", "snappy", "gzip", "zstd");

  private ParquetCodecs() {}

  static CompressionCodecName named(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "uncompressed", "none" -> CompressionCodecName.UNCOMPRESSED;
      case "snappy" -> CompressionCodecName.SNAPPY;
      case "gzip" -> CompressionCodecName.GZIP;
      case "zstd" -> CompressionCodecName.ZSTD;
      default ->
          throw new ConfigException(Formats.PARQUET_CODEC_CONFIG, name, "must be one of " + NAMES);
    };
  }
}
