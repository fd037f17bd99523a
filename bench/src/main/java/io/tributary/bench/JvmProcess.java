package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A Java program run in its own JVM, with its standard output and error captured into one log file.
 * Used for both brokers and for Kafka's perf tools, so every party in a benchmark is a separate
 * process started the same way.
 *
 * <p>{@link #close()} stops the process (SIGTERM, then SIGKILL after a grace period). Not
 * thread-safe; one owner.
 */
final class JvmProcess implements AutoCloseable {
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  /** Processes still running, killed if the harness itself is stopped (Ctrl-C, SIGTERM). */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(Process::destroyForcibly), "bench-stop-children"));
  }

  private final String name;
  private final Process process;
  private final Path logFile;

  private JvmProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * Starts {@code java jvmOptions -cp classpath mainClass args}, appending its output to {@code
   * logFile}.
   */
  static JvmProcess start(
      String name,
      String classpath,
      List<String> jvmOptions,
      String mainClass,
      List<String> args,
      Path logFile) {
    requireNonNull(name, "name is null");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    return startCommand(name, command, Map.of(), logFile);
  }

  /**
   * Starts a command that {@code exec}s a JVM (such as {@code bin/tributary}), so the process is
   * that JVM, with extra environment variables.
   */
  static JvmProcess startCommand(
      String name, List<String> command, Map<String, String> environment, Path logFile) {
    requireNonNull(name, "name is null");
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      LIVE.add(process);
      return new JvmProcess(name, process, logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name + " (" + command.get(0) + ")", e);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  /** Waits until something accepts TCP connections on host:port, or fails at the deadline. */
  void awaitPort(String host, int port, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited with code "
                + process.exitValue()
                + " before listening on "
                + host
                + ":"
                + port
                + "; see "
                + logFile);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 500);
        return;
      } catch (IOException notYet) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              name
                  + " is not listening on "
                  + host
                  + ":"
                  + port
                  + " after "
                  + timeout
                  + "; see "
                  + logFile);
        }
        pause(100);
      }
    }
  }

  /** Waits for the process to end; kills it and fails when it runs past the timeout. */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            name + " did not finish within " + timeout + "; killed it; see " + logFile);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("Interrupted while waiting for " + name, e);
    }
  }

  Path logFile() {
    return logFile;
  }

  /** CPU time (user and system) the process has used so far, when the OS tells. */
  Optional<Duration> cpuTime() {
    return process.info().totalCpuDuration();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code; only once the process has ended. */
  int exitValue() {
    return process.exitValue();
  }

  String name() {
    return name;
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      LIVE.remove(process);
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    LIVE.remove(process);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
