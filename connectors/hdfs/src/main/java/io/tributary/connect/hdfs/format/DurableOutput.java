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
    IOException failure = null;
    try {
      out.hflush();
      out.hsync();
    } catch (IOException e) {
      failure = e;
    }
    try {
      out.close();
    } catch (IOException e) {
      // HDFS streams rethrow their first failure from close: the same instance, which
      // try-with-resources cannot add as suppressed (IllegalArgumentException).
      if (failure == null) {
        failure = e;
      } else if (e != failure) {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
