package io.tributary.connect.hdfs.format;

import java.util.List;
import java.util.Locale;
import org.apache.avro.file.CodecFactory;
import org.apache.kafka.common.config.ConfigException;

/** The {@code avro.codec} names (Confluent's) and the Avro codec each stands for. */
final class AvroCodecs {
  static final List<String> NAMES = List.of("null", "deflate", "snappy", "bzip2", "zstandard");

  private AvroCodecs() {}

  static CodecFactory named(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "null" -> CodecFactory.nullCodec();
      case "deflate" -> CodecFactory.deflateCodec(CodecFactory.DEFAULT_DEFLATE_LEVEL);
      case "snappy" -> CodecFactory.snappyCodec();
      case "bzip2" -> CodecFactory.bzip2Codec();
      case "zstandard" -> CodecFactory.zstandardCodec(CodecFactory.DEFAULT_ZSTANDARD_LEVEL);
      default ->
          throw new ConfigException(Formats.AVRO_CODEC_CONFIG, name, "must be one of " + NAMES);
    };
  }
}
