package io.tributary.runtime.cli;

import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: Tributary's version and the Kafka Connect API it implements. */
final class TributaryVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = TributaryVersion.class.getPackage().getImplementationVersion();
    return new String[] {
      "Tributary " + (version != null ? version : "(development build)"),
      "Kafka Connect API and clients " + AppInfoParser.getVersion()
    };
  }
}
