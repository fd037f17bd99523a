package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import io.tributary.bench.RegistryResults.Rate;
import io.tributary.registry.client.SchemaRegistryClient;
import io.tributary.registry.client.SchemaRegistryClientConfig;
import io.tributary.registry.client.SchemaRegistryClients;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry half of one round: registrations (new schemas, one client and several; the same
 * schemas again) and lookups (by id and by schema, over HTTP every time and through the caching
 * client), against a running registry.
 */
final class RegistryWorkload {
  private static final Logger LOGGER = LoggerFactory.getLogger(RegistryWorkload.class);

  /** Untimed calls before each timed series, so both JVMs have compiled the path. */
  static final int WARMUP_CALLS = 500;

  /** Untimed registrations of schemas of their own before the timed ones, in every round. */
  static int warmupRegistrations(RegistryBenchSettings settings) {
    return Math.min(settings.schemas(), WARMUP_CALLS);
  }

  private final RegistryBenchSettings settings;
  private final URI registryUrl;
  private final RegistryHttp http;

  RegistryWorkload(RegistryBenchSettings settings, URI registryUrl) {
    this.settings = requireNonNull(settings, "settings is null");
    this.registryUrl = requireNonNull(registryUrl, "registryUrl is null");
    this.http = new RegistryHttp(registryUrl);
  }

  /** A set of schemas with their subjects and request bodies; ids once registered. */
  private record SchemaSet(
      List<String> subjects, List<Schema> schemas, List<String> bodies, int[] ids) {
    static SchemaSet of(int round, String name, int count) {
      List<Schema> schemas = BenchSchemas.set(round, name, count);
      List<String> subjects = new ArrayList<>(count);
      List<String> bodies = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        subjects.add(BenchSchemas.subject(round, name, i));
        bodies.add(RegistryHttp.schemaBody(schemas.get(i).toString()));
      }
      return new SchemaSet(subjects, schemas, bodies, new int[count]);
    }

    int size() {
      return subjects.size();
    }
  }

  /** The registration and lookup figures of round {@code round}; converters are left empty. */
  RegistryResults run(int round) {
    int clients = settings.clients();
    // Warm-up: registrations in their own subjects, then re-registrations, untimed.
    SchemaSet warmup = SchemaSet.of(round, "warmup", warmupRegistrations(settings));
    Outcome<Rate> warmed = Outcome.of(() -> register(warmup, 1, "warm-up"));
    if (warmed instanceof Outcome.Failed<Rate> failed) {
      LOGGER.warn("Warm-up registrations failed: {}", failed.reason());
    }

    SchemaSet sequential = SchemaSet.of(round, "seq", settings.schemas());
    SchemaSet concurrent = SchemaSet.of(round, "conc", settings.schemas());
    LOGGER.info("Registering {} new schemas, 1 client", sequential.size());
    Outcome<Rate> registerSequential = Outcome.of(() -> register(sequential, 1, "new, 1 client"));
    LOGGER.info("Registering {} new schemas, {} clients", concurrent.size(), clients);
    Outcome<Rate> registerConcurrent =
        Outcome.of(() -> register(concurrent, clients, "new, " + clients + " clients"));
    LOGGER.info("Registering the same schemas again");
    Outcome<Rate> reregisterSequential =
        registerSequential instanceof Outcome.Measured<Rate>
            ? Outcome.of(() -> reregister(sequential, 1))
            : new Outcome.Failed<>("the first registrations failed");
    Outcome<Rate> reregisterConcurrent =
        registerConcurrent instanceof Outcome.Measured<Rate>
            ? Outcome.of(() -> reregister(concurrent, clients))
            : new Outcome.Failed<>("the first registrations failed");

    Outcome<LatencySummary> byIdUncached;
    Outcome<LatencySummary> bySchemaUncached;
    Outcome<LatencySummary> byIdCached;
    Outcome<LatencySummary> bySchemaCached;
    if (registerSequential instanceof Outcome.Measured<Rate>) {
      int[] picks = picks(round, sequential.size(), settings.lookups());
      LOGGER.info("Timing {} lookups of each kind", picks.length);
      byIdUncached =
          Outcome.of(
              () ->
                  time(
                      picks,
                      i -> {
                        String body = http.schemaById(sequential.ids()[i]);
                        return body.length();
                      }));
      bySchemaUncached =
          Outcome.of(
              () ->
                  time(
                      picks,
                      i -> {
                        int id =
                            http.lookup(sequential.subjects().get(i), sequential.bodies().get(i));
                        return checkId(sequential, i, id);
                      }));
      try (SchemaRegistryClient client = cachingClient()) {
        byIdCached =
            Outcome.of(
                () -> {
                  // The first call per id goes to the registry; the timed ones after it do not.
                  for (int i : distinct(picks)) {
                    Schema schema = client.getSchemaById(sequential.ids()[i]);
                    if (!schema.equals(sequential.schemas().get(i))) {
                      throw new IllegalStateException(
                          "Schema id " + sequential.ids()[i] + " is not the registered schema");
                    }
                  }
                  return time(picks, i -> client.getSchemaById(sequential.ids()[i]).hashCode());
                });
        bySchemaCached =
            Outcome.of(
                () -> {
                  for (int i : distinct(picks)) {
                    checkId(
                        sequential,
                        i,
                        client.getId(sequential.subjects().get(i), sequential.schemas().get(i)));
                  }
                  return time(
                      picks,
                      i ->
                          checkId(
                              sequential,
                              i,
                              client.getId(
                                  sequential.subjects().get(i), sequential.schemas().get(i))));
                });
      }
    } else {
      Outcome.Failed<LatencySummary> none = new Outcome.Failed<>("nothing was registered");
      byIdUncached = none;
      bySchemaUncached = none;
      byIdCached = none;
      bySchemaCached = none;
    }
    return new RegistryResults(
        round,
        registerSequential,
        registerConcurrent,
        reregisterSequential,
        reregisterConcurrent,
        byIdUncached,
        bySchemaUncached,
        byIdCached,
        bySchemaCached,
        List.of());
  }

  private SchemaRegistryClient cachingClient() {
    return SchemaRegistryClients.fromConfig(
        Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl.toString()));
  }

  /** Registers every schema of {@code set} (each once) with {@code clients} threads. */
  private Rate register(SchemaSet set, int clients, String label) {
    int[] ids = set.ids();
    Rate rate =
        concurrently(
            set.size(),
            clients,
            i -> {
              ids[i] = http.register(set.subjects().get(i), set.bodies().get(i));
              return ids[i];
            });
    if (Arrays.stream(ids).distinct().count() != ids.length) {
      throw new IllegalStateException(
          "Registering " + ids.length + " distinct schemas (" + label + ") gave repeated ids");
    }
    return rate;
  }

  /** Registers the schemas of {@code set} again; each must get its existing id back. */
  private Rate reregister(SchemaSet set, int clients) {
    return concurrently(
        set.size(),
        clients,
        i -> checkId(set, i, http.register(set.subjects().get(i), set.bodies().get(i))));
  }

  private static int checkId(SchemaSet set, int i, int id) {
    if (id != set.ids()[i]) {
      throw new IllegalStateException(
          "Subject "
              + set.subjects().get(i)
              + " answered id "
              + id
              + ", but its schema was registered as id "
              + set.ids()[i]);
    }
    return id;
  }

  /**
   * Runs {@code call(0 .. count-1)}, each index once, on {@code clients} threads taking the next
   * index as they finish one; times every call and the whole.
   */
  static Rate concurrently(int count, int clients, IntUnaryOperator call) {
    long[] nanos = new long[count];
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            long start = System.nanoTime();
            call.applyAsInt(i);
            nanos[i] = System.nanoTime() - start;
          }
        };
    long start;
    long wall;
    if (clients == 1) {
      start = System.nanoTime();
      worker.run();
      wall = System.nanoTime() - start;
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      try {
        List<Future<?>> futures = new ArrayList<>();
        start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
          futures.add(pool.submit(worker));
        }
        for (Future<?> future : futures) {
          future.get();
        }
        wall = System.nanoTime() - start;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        throw cause instanceof RuntimeException runtime
            ? runtime
            : new IllegalStateException(cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted", e);
      } finally {
        pool.shutdownNow();
      }
    }
    return new Rate(
        count, clients, Duration.ofNanos(Math.max(wall, 1)), LatencySummary.ofNanos(nanos));
  }

  /** Times {@code call(i)} for each pick, after {@link #WARMUP_CALLS} untimed calls. */
  private static LatencySummary time(int[] picks, IntUnaryOperator call) {
    long sink = 0;
    for (int w = 0; w < WARMUP_CALLS; w++) {
      sink += call.applyAsInt(picks[w % picks.length]);
    }
    long[] nanos = new long[picks.length];
    for (int k = 0; k < picks.length; k++) {
      long start = System.nanoTime();
      sink += call.applyAsInt(picks[k]);
      nanos[k] = System.nanoTime() - start;
    }
    if (sink == 42) {
      LOGGER.trace("sink {}", sink); // keeps the calls' results alive
    }
    return LatencySummary.ofNanos(nanos);
  }

  /**
   * {@code lookups} indexes into a set of {@code size}, spread at random (fixed seed per round).
   */
  static int[] picks(int round, int size, int lookups) {
    Random random = new Random(31L * round + size);
    int[] picks = new int[lookups];
    for (int k = 0; k < lookups; k++) {
      picks[k] = random.nextInt(size);
    }
    return picks;
  }

  private static int[] distinct(int[] picks) {
    return Arrays.stream(picks).distinct().toArray();
  }
}
