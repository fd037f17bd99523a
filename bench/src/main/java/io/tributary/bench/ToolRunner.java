package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs a Kafka command-line tool (perf tools, StorageTool) to completion in its own JVM and returns
 * what it printed. The output also stays in a log file under the benchmark's work folder.
 */
final class ToolRunner {
  /** The heap Apache Kafka's perf-test scripts give their tools. */
  private static final List<String> TOOL_JVM_OPTIONS =
      List.of("-Xmx512m", "-XX:+UseG1GC", "-Djava.awt.headless=true");

  private final String classpath;
  private final Path log4jConfig;

  ToolRunner(String classpath, Path log4jConfig) {
    this.classpath = requireNonNull(classpath, "classpath is null");
    this.log4jConfig = requireNonNull(log4jConfig, "log4jConfig is null");
  }

  String classpath() {
    return classpath;
  }

  Path log4jConfig() {
    return log4jConfig;
  }

  /** A finished tool run: its exit code, its output and where that output is kept. */
  record Result(int exitCode, String output, Path logFile) {
    /** Fails, naming the tool and its log, unless the tool exited with 0. */
    Result requireSuccess(String what) {
      if (exitCode != 0) {
        throw new IllegalStateException(
            what + " failed with exit code " + exitCode + "; see " + logFile + "\n" + tail());
      }
      return this;
    }

    /** The last lines of the output, for error messages. */
    String tail() {
      String[] lines = output.split("\\R");
      int from = Math.max(0, lines.length - 15);
      return String.join("\n", List.of(lines).subList(from, lines.length));
    }
  }

  Result run(String mainClass, List<String> args, Path logFile, Duration timeout) {
    try {
      Files.deleteIfExists(logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the old " + logFile, e);
    }
    List<String> options =
        List.of(
            TOOL_JVM_OPTIONS.get(0),
            TOOL_JVM_OPTIONS.get(1),
            TOOL_JVM_OPTIONS.get(2),
            "-Dlog4j.configuration=" + log4jConfig.toUri());
    try (JvmProcess process =
        JvmProcess.start(
            mainClass.substring(mainClass.lastIndexOf('.') + 1),
            classpath,
            options,
            mainClass,
            args,
            logFile)) {
      int exitCode = process.awaitExit(timeout);
      return new Result(exitCode, Files.readString(logFile, StandardCharsets.UTF_8), logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + logFile, e);
    }
  }
}
