package io.tributary.connect.hdfs.format;

import java.io.IOException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Creating a new file and closing it durably: {@link #create} fails when the path exists, {@link
 * #syncAndClose} flushes to the DataNodes ({@code hflush}), asks them to persist to disk ({@code
 * hsync}) and closes, so a renamed file holds every byte written. File systems without {@code
 * Syncable} streams (e.g. the checksummed local one) flush instead.
 */
final class DurableOutput {
  private DurableOutput() {}

  static FSDataOutputStream create(FileSystem fs, Path path) throws IOException {
    return fs.create(path, false);
  }

  static void syncAndClose(FSDataOutputStream out) throws IOException {
    try (out) {
      out.hflush();
      out.hsync();
    }
  }
}
