package io.tributary.connect.jdbc.sink;

import java.util.Locale;

/** Confluent's {@code pk.mode}: where a row's primary key comes from. */
public enum PkMode {
  /** No primary key. */
  NONE,
  /** The record's topic, partition and offset ({@code __connect_topic} etc. by default). */
  KAFKA,
  /** The record key: its fields if a struct, or the key itself as the one column of pk.fields. */
  RECORD_KEY,
  /** Fields of the record value named by pk.fields (all value fields if pk.fields is empty). */
  RECORD_VALUE;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
