package io.tributary.connect.hdfs;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.security.PrivilegedExceptionAction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Hadoop {@link Configuration} from the sink's settings ({@code hadoop.conf.dir}'s
 * core-site.xml and hdfs-site.xml, {@code hadoop.home}, the Kerberos keys), logs in with Kerberos
 * when asked, and opens the file system of {@code hdfs.url}. Stateless; called by the task thread.
 */
final class HadoopFileSystems {
  private static final Logger LOGGER = LoggerFactory.getLogger(HadoopFileSystems.class);

  private HadoopFileSystems() {}

  /** The Hadoop configuration the settings describe. */
  static Configuration configuration(HdfsSinkConfig config) {
    Configuration conf = new Configuration();
    String confDir = config.getString(HdfsSinkConfig.HADOOP_CONF_DIR_CONFIG);
    if (!confDir.isEmpty()) {
      for (String name : new String[] {"core-site.xml", "hdfs-site.xml"}) {
        File file = new File(confDir, name);
        if (file.isFile()) {
          conf.addResource(new org.apache.hadoop.fs.Path(file.getAbsolutePath()));
          LOGGER.info("Loaded Hadoop settings from {}", file);
        }
      }
    }
    String home = config.getString(HdfsSinkConfig.HADOOP_HOME_CONFIG);
    if (!home.isEmpty()) {
      System.setProperty("hadoop.home.dir", home);
    }
    // The local file system without .crc side files: committed files are the only files.
    conf.setIfUnset("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
    conf.setIfUnset("fs.AbstractFileSystem.file.impl", "org.apache.hadoop.fs.local.RawLocalFs");
    if (config.getBoolean(HdfsSinkConfig.KERBEROS_CONFIG)) {
      conf.set("hadoop.security.authentication", "kerberos");
      conf.set("hadoop.security.authorization", "true");
      conf.set(
          "dfs.namenode.kerberos.principal",
          config.getString(HdfsSinkConfig.NAMENODE_PRINCIPAL_CONFIG));
    }
    return conf;
  }

  /**
   * Logs in from the keytab when {@code hdfs.authentication.kerberos} is set; returns the user to
   * act as, or null when Kerberos is off.
   */
  static UserGroupInformation login(HdfsSinkConfig config, Configuration conf) {
    if (!config.getBoolean(HdfsSinkConfig.KERBEROS_CONFIG)) {
      return null;
    }
    String principal = config.getString(HdfsSinkConfig.PRINCIPAL_CONFIG);
    String keytab = config.getString(HdfsSinkConfig.KEYTAB_CONFIG);
    if (!new File(keytab).canRead()) {
      throw new ConfigException(
          HdfsSinkConfig.KEYTAB_CONFIG,
          keytab,
          "no readable keytab file there; check the path and the worker's read permission");
    }
    try {
      UserGroupInformation.setConfiguration(conf);
      UserGroupInformation ugi =
          UserGroupInformation.loginUserFromKeytabAndReturnUGI(principal, keytab);
      LOGGER.info("Logged in to Kerberos as {} from {}", principal, keytab);
      return ugi;
    } catch (IOException | RuntimeException e) {
      // RuntimeException: Hadoop reports a missing or unusable krb5.conf as
      // IllegalArgumentException
      throw new ConnectException(
          "Kerberos login as "
              + principal
              + " ("
              + HdfsSinkConfig.PRINCIPAL_CONFIG
              + ") with the keytab "
              + keytab
              + " ("
              + HdfsSinkConfig.KEYTAB_CONFIG
              + ") failed ("
              + e.getMessage()
              + "); check both, and the realm and KDC in the worker's krb5.conf",
          e);
    }
  }

  /** Opens a new (uncached) file system and file context for {@code url}, as {@code ugi}. */
  static HdfsStorage open(HdfsSinkConfig config, Configuration conf, UserGroupInformation ugi)
      throws IOException {
    URI uri = URI.create(config.url());
    PrivilegedExceptionAction<HdfsStorage> open =
        () -> {
          FileSystem fs = FileSystem.newInstance(uri, conf);
          FileContext context = FileContext.getFileContext(fs.getUri(), conf);
          WriterSettings settings = config.writerSettings();
          return new HdfsStorage(
              fs, context, uri.getPath(), settings.topicsDir(), settings.logsDir());
        };
    if (ugi == null) {
      try {
        return open.run();
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(e);
      }
    }
    try {
      return ugi.doAs(open);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while opening " + uri, e);
    }
  }
}
