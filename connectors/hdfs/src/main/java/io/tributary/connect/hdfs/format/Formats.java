package io.tributary.connect.hdfs.format;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The format settings ({@code format}, {@code format.class}, codecs) and the chosen format. */
public final class Formats {

  private Formats() {}

  /** Adds every format key to {@code def}. */
  public static void define(ConfigDef def) {
    throw new ConfigException("format: contract only, implemented on the formats branch");
  }

  /** The format the config chooses. */
  public static RecordFormat create(AbstractConfig config) {
    throw new ConfigException("format: contract only, implemented on the formats branch");
  }
}
