package io.tributary.broker.testing;

import static java.util.Objects.requireNonNull;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.cli.BrokerCommand;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * broker-core as users run it, for tests that need a real process (signals, {@code kill -9}):
 * {@code tributary broker} ({@link BrokerCommand}) in its own JVM, started from the packaged jar
 * and its runtime dependencies ({@code target/broker-core-*.jar} and {@code target/lib/*}, which
 * the {@code package} phase builds before failsafe runs integration tests).
 *
 * <p>The process's stdout and stderr are read line by line on a daemon thread, kept for assertions
 * ({@link #output()}) and echoed to this JVM's stdout prefixed with the process id, so that a
 * failing test's report shows what the broker said.
 *
 * <p>Lifecycle: {@link #launch} starts the process and returns at once; {@link #awaitListening}
 * waits for the "broker-core is listening on" line. {@link #terminate} sends SIGTERM (a clean
 * stop), {@link #kill} SIGKILL. {@link #close} kills the process if it still runs. Not thread-safe:
 * drive it from the test thread.
 */
public final class BrokerProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("broker-core is listening on (\\S+):(\\d+)");

  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();

  private BrokerProcess(Process process) {
    this.process = requireNonNull(process, "process is null");
    Thread reader = new Thread(this::readOutput, "broker-process-" + process.pid() + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code tributary broker} with these command-line arguments (e.g. {@code --listen
   * 127.0.0.1:0 --data-dir DIR --config FILE}) in a new JVM; does not wait for it to listen.
   */
  public static BrokerProcess launch(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A small heap, one GC thread and the quick-starting JIT tier only: tests run on small
    // machines, beside the test JVM, and start brokers often.
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    command.add("-cp");
    command.add(classpath());
    command.add(BrokerCommand.class.getName());
    command.addAll(List.of(args));
    try {
      return new BrokerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command, e);
    }
  }

  /** The packaged jar (not the tests jar) and everything in target/lib. */
  private static String classpath() {
    Path target = Path.of("target").toAbsolutePath();
    Path jar;
    try (Stream<Path> files = Files.list(target)) {
      jar =
          files
              .filter(p -> p.getFileName().toString().matches("broker-core-.*\\.jar"))
              .filter(p -> !p.getFileName().toString().contains("tests"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "No broker-core jar in "
                              + target
                              + ": run the package phase first (mvn verify does)"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + target, e);
    }
    if (!Files.isDirectory(target.resolve("lib"))) {
      throw new IllegalStateException(
          "No " + target.resolve("lib") + ": run the package phase first (mvn verify does)");
    }
    return jar + File.pathSeparator + target.resolve("lib").resolve("*");
  }

  private void readOutput() {
    String prefix = "[broker pid " + process.pid() + "] ";
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        output.add(line);
        System.out.println(prefix + line);
      }
    } catch (IOException e) {
      output.add("<output closed: " + e + ">");
    }
  }

  /**
   * Waits until the broker reports where it listens.
   *
   * @return {@code host:port}, ready for {@code bootstrap.servers}
   * @throws AssertionError when the process exits first or the timeout passes, with its output
   */
  public String awaitListening(Duration timeout) {
    await("broker process " + process.pid() + " to listen")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              if (listeningLine() != null) {
                return true;
              }
              if (!process.isAlive()) {
                throw new AssertionError(
                    "The broker exited with "
                        + process.exitValue()
                        + " before listening:\n"
                        + outputText());
              }
              return false;
            });
    Matcher m = listeningLine();
    return m.group(1) + ":" + m.group(2);
  }

  /** The port from the listening line; call after {@link #awaitListening}. */
  public int port() {
    Matcher m = listeningLine();
    if (m == null) {
      throw new IllegalStateException("The broker has not reported a listening address yet");
    }
    return Integer.parseInt(m.group(2));
  }

  private Matcher listeningLine() {
    for (String line : output) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return m;
      }
    }
    return null;
  }

  /** Every line the process printed so far (stdout and stderr interleaved). */
  public List<String> output() {
    return List.copyOf(output);
  }

  /** {@link #output()} as one string. */
  public String outputText() {
    return String.join("\n", output);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits for the process to exit on its own.
   *
   * @return its exit code
   * @throws AssertionError when it still runs after the timeout
   */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "The broker process " + process.pid() + " still runs after " + timeout);
    }
    return process.exitValue();
  }

  /**
   * Sends SIGTERM (what Ctrl-C and service managers send) and waits for the exit.
   *
   * @return the exit code (the JVM reports 143 = 128 + 15 when the signal ended it)
   */
  public int terminate(Duration timeout) throws InterruptedException {
    // Through the handle: Process.destroy() would also close the output pipe before it is read.
    process.toHandle().destroy();
    return awaitExit(timeout);
  }

  /**
   * Sends SIGKILL ({@code kill -9}: no shutdown hook runs, nothing is flushed by the broker) and
   * waits for the exit.
   *
   * @return the exit code (137 = 128 + 9 on Linux)
   */
  public int kill(Duration timeout) throws InterruptedException {
    process.toHandle().destroyForcibly();
    return awaitExit(timeout);
  }

  /** Kills the process if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
