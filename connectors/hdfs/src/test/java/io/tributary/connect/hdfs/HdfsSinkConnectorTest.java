package io.tributary.connect.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation of every sink key, and how the settings reach Hadoop (conf dir, Kerberos). */
class HdfsSinkConnectorTest {
  @TempDir Path dir;

  Map<String, String> props(String... extra) {
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", HdfsSinkConnector.class.getName());
    props.put("topics", "orders");
    props.put("hdfs.url", dir.toUri().toString());
    props.put("flush.size", "100");
    for (int i = 0; i < extra.length; i += 2) {
      if (extra[i + 1] == null) {
        props.remove(extra[i]);
      } else {
        props.put(extra[i], extra[i + 1]);
      }
    }
    return props;
  }

  static List<String> errors(Config config, String key) {
    return config.configValues().stream()
        .filter(value -> value.name().equals(key))
        .findFirst()
        .map(ConfigValue::errorMessages)
        .orElseThrow();
  }

  static long errorCount(Config config) {
    return config.configValues().stream().mapToLong(value -> value.errorMessages().size()).sum();
  }

  @Test
  void aMinimalConfigIsValidAndEveryTaskGetsIt() {
    HdfsSinkConnector connector = new HdfsSinkConnector();
    assertThat(errorCount(connector.validate(props()))).isZero();
    connector.start(props());
    assertThat(connector.taskConfigs(3))
        .hasSize(3)
        .allSatisfy(c -> assertThat(c).isEqualTo(props()));
    assertThat(connector.taskClass()).isEqualTo(HdfsSinkTask.class);
    assertThat(connector.version()).isNotBlank();
  }

  @Test
  void aTimeBasedPartitionerWithoutTimezoneFailsValidationNotTheTask() {
    HdfsSinkConnector connector = new HdfsSinkConnector();
    Config config =
        connector.validate(props("partitioner.class", "daily", "timestamp.extractor", "Record"));
    assertThat(errors(config, "partitioner.class"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("the partitioner cannot be built")
        .contains("timezone");
  }

  @Test
  void theUrlIsRequiredAndStoreUrlIsItsAlias() {
    HdfsSinkConnector connector = new HdfsSinkConnector();
    Config missing = connector.validate(props("hdfs.url", null));
    assertThat(errors(missing, "hdfs.url"))
        .singleElement()
        .asString()
        .contains("hdfs.url")
        .contains("hdfs://namenode:8020");

    assertThat(errorCount(connector.validate(props("hdfs.url", null, "store.url", "file:///x"))))
        .isZero();
    assertThat(new HdfsSinkConfig(props("hdfs.url", null, "store.url", "file:///x")).url())
        .isEqualTo("file:///x");

    assertThat(errors(connector.validate(props("hdfs.url", "namenode")), "hdfs.url"))
        .singleElement()
        .asString()
        .contains("Invalid value namenode for configuration hdfs.url")
        .contains("hdfs://<namenode>:<port>");
  }

  @Test
  void badValuesNameTheKeyTheValueAndTheFix() {
    HdfsSinkConnector connector = new HdfsSinkConnector();
    assertThat(errors(connector.validate(props("flush.size", "0")), "flush.size"))
        .singleElement()
        .asString()
        .contains("flush.size")
        .contains("0");
    assertThat(errors(connector.validate(props("flush.size", null)), "flush.size")).isNotEmpty();
    assertThat(errors(connector.validate(props("rotate.interval.ms", "0")), "rotate.interval.ms"))
        .singleElement()
        .asString()
        .contains("Invalid value 0 for configuration rotate.interval.ms")
        .contains("-1 to disable");
    assertThat(
            errors(
                connector.validate(props("rotate.schedule.interval.ms", "-5")),
                "rotate.schedule.interval.ms"))
        .isNotEmpty();
    assertThat(errors(connector.validate(props("file.max.bytes", "0")), "file.max.bytes"))
        .isNotEmpty();
    assertThat(
            errors(
                connector.validate(props("schema.compatibility", "SIDEWAYS")),
                "schema.compatibility"))
        .singleElement()
        .asString()
        .contains("SIDEWAYS")
        .contains("NONE, BACKWARD, FORWARD, FULL");
    assertThat(errors(connector.validate(props("topics.dir", " ")), "topics.dir")).isNotEmpty();
    assertThat(errors(connector.validate(props("retry.backoff.ms", "0")), "retry.backoff.ms"))
        .isNotEmpty();
    assertThatThrownBy(() -> new HdfsSinkConfig(props("hdfs.url", null)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("hdfs.url");
  }

  @Test
  void hadoopConfDirMustBeADirectoryAndItsFilesReachTheHadoopConfiguration() throws IOException {
    HdfsSinkConnector connector = new HdfsSinkConnector();
    String missing = dir.resolve("nope").toString();
    assertThat(errors(connector.validate(props("hadoop.conf.dir", missing)), "hadoop.conf.dir"))
        .singleElement()
        .asString()
        .contains(missing)
        .contains("core-site.xml");

    Path confDir = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(confDir.resolve("core-site.xml"), site("tributary.test.core", "from-core"));
    Files.writeString(confDir.resolve("hdfs-site.xml"), site("dfs.replication", "2"));
    Configuration conf =
        HadoopFileSystems.configuration(
            new HdfsSinkConfig(props("hadoop.conf.dir", confDir.toString())));
    assertThat(conf.get("tributary.test.core")).isEqualTo("from-core");
    assertThat(conf.get("dfs.replication")).isEqualTo("2");
  }

  static String site(String name, String value) {
    return "<?xml version=\"1.0\"?><configuration><property><name>"
        + name
        + "</name><value>"
        + value
        + "</value></property></configuration>";
  }

  @Test
  void kerberosNeedsAPrincipalAReadableKeytabAndTheNameNodePrincipal() {
    HdfsSinkConnector connector = new HdfsSinkConnector();
    Config config = connector.validate(props("hdfs.authentication.kerberos", "true"));
    assertThat(errors(config, "connect.hdfs.principal"))
        .singleElement()
        .asString()
        .contains("hdfs.authentication.kerberos=true");
    assertThat(errors(config, "connect.hdfs.keytab")).singleElement().asString().contains("keytab");
    assertThat(errors(config, "hdfs.namenode.principal"))
        .singleElement()
        .asString()
        .contains("nn/_HOST@EXAMPLE.COM");

    String absent = dir.resolve("connect.keytab").toString();
    Config noKeytab =
        connector.validate(
            props(
                "hdfs.authentication.kerberos", "true",
                "connect.hdfs.principal", "connect@EXAMPLE.COM",
                "connect.hdfs.keytab", absent,
                "hdfs.namenode.principal", "nn/_HOST@EXAMPLE.COM"));
    assertThat(errors(noKeytab, "connect.hdfs.keytab"))
        .singleElement()
        .asString()
        .contains("Invalid value " + absent + " for configuration connect.hdfs.keytab")
        .contains("no readable keytab file");
  }

  @Test
  void kerberosSettingsArePassedToHadoopAndALoginFailureNamesPrincipalAndKeytab()
      throws IOException {
    Path keytab = Files.write(dir.resolve("connect.keytab"), new byte[] {5, 2, 0, 0});
    HdfsSinkConfig config =
        new HdfsSinkConfig(
            props(
                "hdfs.authentication.kerberos", "true",
                "connect.hdfs.principal", "connect@EXAMPLE.COM",
                "connect.hdfs.keytab", keytab.toString(),
                "hdfs.namenode.principal", "nn/_HOST@EXAMPLE.COM"));
    Configuration conf = HadoopFileSystems.configuration(config);
    assertThat(conf.get("hadoop.security.authentication")).isEqualTo("kerberos");
    assertThat(conf.get("dfs.namenode.kerberos.principal")).isEqualTo("nn/_HOST@EXAMPLE.COM");
    try {
      // No KDC here: the login fails, and says with what
      assertThatThrownBy(() -> HadoopFileSystems.login(config, conf))
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("connect@EXAMPLE.COM")
          .hasMessageContaining("connect.hdfs.principal")
          .hasMessageContaining(keytab.toString());
    } finally {
      UserGroupInformation.reset();
      UserGroupInformation.setConfiguration(new Configuration());
    }
  }

  @Test
  void confluentKeysThatAreNotImplementedAreRejectedNotIgnored() {
    HdfsSinkConnector connector = new HdfsSinkConnector();
    assertThat(errors(connector.validate(props("hive.integration", "true")), "hive.integration"))
        .singleElement()
        .asString()
        .contains("Invalid value true for configuration hive.integration")
        .contains("not supported");
    assertThat(errorCount(connector.validate(props("hive.integration", "false")))).isZero();
    assertThatThrownBy(() -> new HdfsSinkConfig(props("topic.capture.groups.regex", "(.*)")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("topic.capture.groups.regex");
  }

  @Test
  void withoutKerberosThereIsNoLogin() {
    HdfsSinkConfig config = new HdfsSinkConfig(props());
    assertThat(HadoopFileSystems.login(config, HadoopFileSystems.configuration(config))).isNull();
  }
}
