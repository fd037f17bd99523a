package io.tributary.runtime.cli;

import io.tributary.broker.cli.BrokerCommand;
import io.tributary.registry.server.cli.RegistryCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/tributary}: the launcher's entry point, one subcommand per way of running. */
@Command(
    name = "tributary",
    mixinStandardHelpOptions = true,
    versionProvider = TributaryVersion.class,
    description = "Tributary: a data-integration connector runtime on the Kafka protocol.",
    subcommands = {
      StartCommand.class,
      WorkerCommand.class,
      BrokerCommand.class,
      RegistryCommand.class
    })
public final class Tributary {
  public static void main(String[] args) {
    System.exit(new CommandLine(new Tributary()).execute(args));
  }
}
