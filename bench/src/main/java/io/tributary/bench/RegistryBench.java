package io.tributary.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry (issue 5): registrations/s over REST (one client and several, new schemas and
 * the same ones again), lookup latency by id and by schema (over HTTP every time, and through the
 * caching client the serializer and converter use), and the Avro converter against Apache's
 * JsonConverter on the same Connect records. broker-core and the registry each run in their own JVM
 * for the whole run; the converters run in this one. Prints a markdown fragment and writes it to
 * {@code <work-dir>/benchmarks-fragment.md} for {@code docs/benchmarks.md}.
 *
 * <p>Run through {@code bench/run-registry-bench}, which builds what is needed first.
 */
public final class RegistryBench {
  private static final Logger LOGGER = LoggerFactory.getLogger(RegistryBench.class);

  private RegistryBench() {}

  public static void main(String[] args) {
    BenchMain.run("run-registry-bench", args, RegistryBenchSettings::parse, RegistryBench::run);
  }

  static void run(RegistryBenchSettings settings) {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Path workDir = settings.workDir();
    Path benchTarget = settings.root().resolve("bench").resolve("target");
    // Fail now, before anything runs, when a build is missing.
    RegistryLauncher registryLauncher =
        new RegistryLauncher(Classpaths.jarAndLib(benchTarget, "bench-"));
    BrokerLauncher brokerLauncher = new BrokerCoreLauncher(settings.brokerCoreTarget());

    Folders.deleteRecursively(workDir);
    Path registryLog4j = workDir.resolve("registry-log4j.properties");
    try {
      Files.createDirectories(workDir);
      Files.writeString(registryLog4j, Log4jConfigs.REGISTRY);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare " + workDir, e);
    }

    String loadBefore = MachineInfo.loadAverage();
    List<RegistryResults> results = new ArrayList<>();
    try (BrokerLauncher.RunningBroker broker =
            brokerLauncher.start(workDir.resolve("broker-core"), 1);
        RegistryLauncher.RunningRegistry registry =
            registryLauncher.start(workDir, broker.bootstrapServers(), registryLog4j)) {
      LOGGER.info(
          "broker-core is up on {}, the schema registry on {}",
          broker.bootstrapServers(),
          registry.url());
      RegistryWorkload workload = new RegistryWorkload(settings, registry.url());
      ConverterWorkload converters =
          new ConverterWorkload(registry.url(), settings.warmupRecords(), settings.records());
      for (int round = 1; round <= settings.rounds(); round++) {
        LOGGER.info("== round {} of {}", round, settings.rounds());
        RegistryResults registryFigures = workload.run(round);
        RegistryResults result =
            new RegistryResults(
                round,
                registryFigures.registerSequential(),
                registryFigures.registerConcurrent(),
                registryFigures.reregisterSequential(),
                registryFigures.reregisterConcurrent(),
                registryFigures.byIdUncached(),
                registryFigures.bySchemaUncached(),
                registryFigures.byIdCached(),
                registryFigures.bySchemaCached(),
                converters.run(round));
        LOGGER.info(
            "round {}: registrations/s (1 client) {}, Avro fromConnectData records/s {}",
            round,
            result.registerSequential().map(r -> format(r.perSecond())).orElse("failed"),
            result
                .converters()
                .get(0)
                .run()
                .map(c -> format(c.fromConnectPerSecond()))
                .orElse("failed"));
        results.add(result);
      }
    }
    String loadAfter = MachineInfo.loadAverage();
    Fragments.publish(workDir, fragment(settings, started, results, loadBefore, loadAfter));
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  static String fragment(
      RegistryBenchSettings settings,
      Instant started,
      List<RegistryResults> results,
      String loadBefore,
      String loadAfter) {
    MachineInfo machine = MachineInfo.current();
    StringBuilder md = new StringBuilder();
    md.append("### Schema registry, run of ").append(started).append("\n\n");
    md.append("- Command: `")
        .append(System.getProperty("bench.command", "bench/run-registry-bench"))
        .append("`\n");
    md.append("- Machine: ")
        .append(machine.cores())
        .append(" cores (`nproc`), ")
        .append(machine.memory())
        .append(" RAM, ")
        .append(machine.cpu())
        .append(", ")
        .append(machine.os())
        .append('\n');
    md.append("- Load average (1, 5, 15 min) before / after: ")
        .append(loadBefore)
        .append(" / ")
        .append(loadAfter)
        .append(" (other work on the machine competes with the broker, the registry and the")
        .append(" harness)\n");
    md.append("- Java: ").append(machine.java()).append('\n');
    md.append("- Rounds: ")
        .append(settings.rounds())
        .append(settings.rounds() > 1 ? " (each figure is the median of the rounds)\n" : "\n");
    md.append("- Broker: broker-core in its own JVM, one for the whole run (")
        .append(settings.brokerCoreTarget())
        .append(BrokerBench.gitDescription(settings.root()))
        .append(")\n");
    md.append("- Registry: one instance in its own JVM (`")
        .append(RegistryLauncher.MAIN_CLASS)
        .append(" --bootstrap <broker> --listen 127.0.0.1:<free port>`, ")
        .append(String.join(" ", RegistryLauncher.REGISTRY_JVM_OPTIONS))
        .append("), default settings (BACKWARD, schemas in `_schemas`), up for the whole run\n");
    md.append(
            String.format(
                Locale.ROOT,
                "- Registrations: per round %,d new record schemas (3 to 10 fields each), each in a"
                    + " subject of its own, registered one after the other by one client, then %,d"
                    + " more by %d concurrent clients (threads sharing one JDK HttpClient, HTTP/1.1"
                    + " keep-alive); then each set registered again (the registry answers with the"
                    + " existing id; checked). A registration is answered once its record is"
                    + " written to `_schemas` and read back. %d warm-up registrations first\n",
                settings.schemas(),
                settings.schemas(),
                settings.clients(),
                RegistryWorkload.warmupRegistrations(settings)))
        .append(
            String.format(
                Locale.ROOT,
                "- Lookups: %,d timed calls of each kind, over schemas picked at random among the"
                    + " ones registered by one client, after %d untimed calls; uncached: one HTTP"
                    + " request per call (by id the response body is read, by schema the id is"
                    + " parsed and checked); cached: `SchemaRegistryClients.fromConfig` (what"
                    + " the serializer and the Avro converter use) after its first call per"
                    + " schema; each call timed with `System.nanoTime()`, which adds some tens of"
                    + " ns to the cached figures\n",
                settings.lookups(),
                RegistryWorkload.WARMUP_CALLS))
        .append(
            String.format(
                Locale.ROOT,
                "- Converters: in the harness JVM, one thread, on the same Connect records (a"
                    + " struct of 11 fields: 3 strings, 2 int32, 1 int64, 2 float64, 2 booleans,"
                    + " an optional string null in every other record, a Timestamp; %,d distinct"
                    + " values cycled), %,d records each way after %,d warm-up records each way (and at least %d s);"
                    + " `fromConnectData` is Connect -> bytes, `toConnectData` bytes -> Connect"
                    + " (from bytes the converter wrote); every converter's round trip checked"
                    + " first. The Avro converter talks to the registry above (auto-registers its"
                    + " schema once, then serves from its caches); Apache's JsonConverter"
                    + " (connect-json 3.9.1) with `schemas.enable` true and false\n",
                ConverterWorkload.DISTINCT_RECORDS,
                settings.records(),
                settings.warmupRecords(),
                ConverterWorkload.MIN_WARMUP.toSeconds()))
        .append(
            "- No Confluent Schema Registry or Confluent AvroConverter to compare with: their jars"
                + " are not on Maven Central and packages.confluent.io cannot be reached from"
                + " here; the issue compares the Avro converter with the JSON converter\n\n");
    md.append("Registrations:\n\n").append(RegistryBenchReport.registrations(results));
    md.append("\nLookups:\n\n").append(RegistryBenchReport.lookups(results));
    md.append("\nConverters (records/s, one thread; above 1.00 the Avro converter is faster):\n\n")
        .append(RegistryBenchReport.converters(results));
    if (results.size() > 1) {
      md.append("\nEach round:\n\n").append(RegistryBenchReport.rounds(results));
    }
    String failures = RegistryBenchReport.failures(results);
    if (!failures.isEmpty()) {
      md.append("\nFailed steps (no figure):\n\n").append(failures);
    }
    return md.toString();
  }
}
