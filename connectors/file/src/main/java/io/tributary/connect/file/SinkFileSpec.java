package io.tributary.connect.file;

import static java.util.Objects.requireNonNull;

import org.apache.avro.file.CodecFactory;

/**
 * What the sink's files look like: their format, whether they are gzip'd, and the block codec of
 * Avro files.
 */
record SinkFileSpec(SinkFormat format, boolean gzip, CodecFactory avroCodec) {
  SinkFileSpec {
    requireNonNull(format, "format is null");
    requireNonNull(avroCodec, "avroCodec is null");
  }

  /** The extension of completed files, e.g. {@code json} or {@code csv.gz}. */
  String extension() {
    return format.extension() + (gzip ? ".gz" : "");
  }
}
