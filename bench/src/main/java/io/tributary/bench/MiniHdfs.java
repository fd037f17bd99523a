package io.tributary.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A MiniDFSCluster (one NameNode, one DataNode, replication 1) in the harness JVM, with its data
 * under the benchmark's work dir. Started once per benchmark run; {@link #close()} shuts it down.
 */
final class MiniHdfs implements AutoCloseable {
  private final MiniDFSCluster cluster;

  private MiniHdfs(MiniDFSCluster cluster) {
    this.cluster = cluster;
  }

  /** Starts the cluster with its NameNode and DataNode data under {@code baseDir}. */
  static MiniHdfs start(Path baseDir) {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toAbsolutePath().toString());
    conf.setInt("dfs.replication", 1);
    try {
      return new MiniHdfs(new MiniDFSCluster.Builder(conf).numDataNodes(1).build());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start a MiniDFSCluster in " + baseDir, e);
    }
  }

  /** {@code hdfs://127.0.0.1:<port>} of the NameNode. */
  URI uri() {
    return cluster.getURI();
  }

  @Override
  public void close() {
    cluster.shutdown();
  }
}
