package io.tributary.runtime.cli;

import io.tributary.runtime.ConnectorDefinition;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** What the launcher's commands share: reading connector files, shutdown, messages. */
final class Launch {
  private Launch() {}

  static List<ConnectorDefinition> readConnectors(List<Path> files) throws IOException {
    List<ConnectorDefinition> connectors = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Path file : files) {
      ConnectorDefinition connector = ConnectorDefinition.read(file);
      if (!names.add(connector.name())) {
        throw new IOException(
            "Two connector files name the connector '"
                + connector.name()
                + "' (the second is "
                + file
                + "); connector names must be unique");
      }
      connectors.add(connector);
    }
    return connectors;
  }

  /** Runs {@code stop} on Ctrl-C / SIGTERM; the latch opens once it has run. */
  static CountDownLatch stopOnShutdown(String threadName, Runnable stop) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    stop.run();
                  } finally {
                    stopped.countDown();
                  }
                },
                threadName));
    return stopped;
  }

  /** A start-up failure as one line per cause, without stack traces. */
  static String describe(Throwable e) {
    StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
        message.append("\n  caused by: ").append(cause.getMessage());
      }
    }
    return message.toString();
  }

  static void printHowToAddConnectors(URI rest, List<ConnectorDefinition> connectors) {
    if (connectors.isEmpty()) {
      System.out.println("No connectors yet. Add one over REST, e.g.:");
    } else {
      System.out.println(
          "Connectors: "
              + String.join(", ", connectors.stream().map(ConnectorDefinition::name).toList())
              + ". Add more over REST, e.g.:");
    }
    System.out.println(
        "  curl -X POST -H 'Content-Type: application/json' --data @connector.json "
            + rest
            + "connectors");
    System.out.println("  curl " + rest + "connectors?expand=status");
    System.out.println("Press Ctrl-C to stop.");
  }
}
