package io.tributary.connect.hdfs.partition;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The partitioner settings ({@code partitioner.class}, {@code path.format}, ...). */
public final class Partitioners {

  private Partitioners() {}

  /** Adds every partitioner key to {@code def}. */
  public static void define(ConfigDef def) {
    throw new ConfigException("partitioner: contract only, implemented on the formats branch");
  }

  /** The partitioner the config chooses. */
  public static Partitioner create(AbstractConfig config) {
    throw new ConfigException("partitioner: contract only, implemented on the formats branch");
  }
}
