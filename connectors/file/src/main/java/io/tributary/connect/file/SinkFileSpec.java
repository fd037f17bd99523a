package io.tributary.connect.file;

import static java.util.Objects.requireNonNull;

/** What the sink's files look like: their format and whether they are gzip'd. */
record SinkFileSpec(SinkFormat format, boolean gzip) {
  SinkFileSpec {
    requireNonNull(format, "format is null");
  }

  /** The extension of completed files, e.g. {@code json} or {@code csv.gz}. */
  String extension() {
    return format.extension() + (gzip ? ".gz" : "");
  }
}
