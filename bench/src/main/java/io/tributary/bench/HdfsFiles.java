package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The harness's view of one Hadoop file system (a local directory through {@code file://}, or the
 * MiniDFSCluster): lists the sink's committed files, and writes the same bytes raw with {@code
 * FileSystem.create}, {@code write}, {@code hsync} and {@code close}. Its Hadoop configuration is
 * the one the sink gets through {@code hadoop.conf.dir} (replication 1). One owner; not
 * thread-safe.
 */
final class HdfsFiles implements AutoCloseable {
  private final FileSystem fileSystem;

  HdfsFiles(URI uri) {
    requireNonNull(uri, "uri is null");
    Configuration conf = new Configuration();
    conf.setInt("dfs.replication", 1);
    try {
      this.fileSystem = FileSystem.newInstance(uri, conf);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the file system " + uri, e);
    }
  }

  /**
   * A committed file.
   *
   * @param path where it is
   * @param name the offsets its name carries
   * @param bytes its size
   */
  record Committed(Path path, CommittedFileName name, long bytes) {}

  /**
   * The sink's committed files of {@code topic} under {@code topicDir}; none while it is absent.
   */
  List<Committed> committed(URI topicDir, String topic) {
    Path dir = new Path(topicDir);
    List<Committed> files = new ArrayList<>();
    try {
      if (!fileSystem.exists(dir)) {
        return files;
      }
      RemoteIterator<LocatedFileStatus> listing = fileSystem.listFiles(dir, true);
      while (listing.hasNext()) {
        LocatedFileStatus status = listing.next();
        Optional<CommittedFileName> name =
            CommittedFileName.parse(topic, status.getPath().getName());
        name.ifPresent(n -> files.add(new Committed(status.getPath(), n, status.getLen())));
      }
    } catch (java.io.FileNotFoundException renamedWhileListing) {
      // A directory went away between the listing's steps; the next poll sees the new state.
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
    return files;
  }

  /**
   * Reads {@code files} into memory (not timed), then writes each into {@code targetDir} under its
   * own name, one after another from this thread: create, one write, hsync, close (timed).
   */
  HdfsResults.RawWrite rawWrite(List<Committed> files, URI targetDir) {
    Path target = new Path(targetDir);
    List<byte[]> contents = new ArrayList<>(files.size());
    long bytes = 0;
    try {
      fileSystem.delete(target, true);
      fileSystem.mkdirs(target);
      for (Committed file : files) {
        byte[] content = new byte[Math.toIntExact(file.bytes())];
        try (FSDataInputStream in = fileSystem.open(file.path())) {
          in.readFully(0, content);
        }
        contents.add(content);
        bytes += content.length;
      }
      // A first pass, not timed, so the timed one runs with a warmed-up client (the worker's
      // client is warm too after its first run), then the timed pass into another directory.
      write(files, contents, new Path(target, "warm-up"));
      fileSystem.delete(new Path(target, "warm-up"), true);
      long started = System.nanoTime();
      write(files, contents, new Path(target, "timed"));
      Duration wall = Duration.ofNanos(System.nanoTime() - started);
      return new HdfsResults.RawWrite(files.size(), bytes, wall);
    } catch (IOException e) {
      throw new UncheckedIOException("Raw write into " + target + " failed: " + e.getMessage(), e);
    }
  }

  private void write(List<Committed> files, List<byte[]> contents, Path dir) throws IOException {
    for (int i = 0; i < files.size(); i++) {
      try (FSDataOutputStream out =
          fileSystem.create(new Path(dir, files.get(i).path().getName()), true)) {
        out.write(contents.get(i));
        out.hsync();
      }
    }
  }

  /** Deletes {@code dir} and everything in it, so runs do not fill the disk. */
  void delete(URI dir) {
    try {
      fileSystem.delete(new Path(dir), true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }

  @Override
  public void close() {
    try {
      fileSystem.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the file system " + fileSystem.getUri(), e);
    }
  }
}
