package io.tributary.connect.hdfs;

import static java.util.Objects.requireNonNull;

/**
 * What a {@link TopicPartitionWriter} needs of the configuration: where files go and when they are
 * committed. A value; see {@link HdfsSinkConfig} for the meaning of each setting.
 *
 * @param topicsDir {@code topics.dir}, relative to the file system's root or absolute
 * @param logsDir {@code logs.dir}, where commit intents live
 * @param flushSize {@code flush.size}: records per topic partition before a commit
 * @param rotateIntervalMs {@code rotate.interval.ms}: record-time span of a file, -1 for none
 * @param rotateScheduleIntervalMs {@code rotate.schedule.interval.ms}: wall-clock, -1 for none
 * @param fileMaxBytes {@code file.max.bytes}: size of a file before a commit, -1 for none
 * @param padWidth {@code filename.offset.zero.pad.width}
 * @param failOnNullValues {@code behavior.on.null.values=fail}
 */
record WriterSettings(
    String topicsDir,
    String logsDir,
    int flushSize,
    long rotateIntervalMs,
    long rotateScheduleIntervalMs,
    long fileMaxBytes,
    int padWidth,
    boolean failOnNullValues) {
  WriterSettings {
    requireNonNull(topicsDir, "topicsDir is null");
    requireNonNull(logsDir, "logsDir is null");
  }
}
