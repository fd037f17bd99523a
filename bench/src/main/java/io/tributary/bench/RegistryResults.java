package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * One round of the schema registry benchmark: registrations, lookups and the converters.
 *
 * @param round 1-based
 * @param registerSequential new schemas registered one after the other by one client
 * @param registerConcurrent new schemas registered by several clients at once
 * @param reregisterSequential the schemas of {@code registerSequential} registered again (the
 *     idempotent path: the registry answers with the existing id), by one client
 * @param reregisterConcurrent the schemas of {@code registerConcurrent} registered again by the
 *     same number of clients
 * @param byIdUncached {@code GET /schemas/ids/{id}} over HTTP, every call
 * @param bySchemaUncached {@code POST /subjects/{s}} over HTTP, every call
 * @param byIdCached the caching client's {@code getSchemaById} after its first call per id
 * @param bySchemaCached the caching client's {@code getId(subject, schema)} after its first call
 * @param converters each converter's figures, the Avro converter first
 */
record RegistryResults(
    int round,
    Outcome<Rate> registerSequential,
    Outcome<Rate> registerConcurrent,
    Outcome<Rate> reregisterSequential,
    Outcome<Rate> reregisterConcurrent,
    Outcome<LatencySummary> byIdUncached,
    Outcome<LatencySummary> bySchemaUncached,
    Outcome<LatencySummary> byIdCached,
    Outcome<LatencySummary> bySchemaCached,
    List<ConverterResult> converters) {
  RegistryResults {
    requireNonNull(registerSequential, "registerSequential is null");
    requireNonNull(registerConcurrent, "registerConcurrent is null");
    requireNonNull(reregisterSequential, "reregisterSequential is null");
    requireNonNull(reregisterConcurrent, "reregisterConcurrent is null");
    requireNonNull(byIdUncached, "byIdUncached is null");
    requireNonNull(bySchemaUncached, "bySchemaUncached is null");
    requireNonNull(byIdCached, "byIdCached is null");
    requireNonNull(bySchemaCached, "bySchemaCached is null");
    converters = List.copyOf(converters);
  }

  /**
   * A series of registrations.
   *
   * @param operations how many requests
   * @param clients how many clients sent them at once
   * @param wall from the first request sent to the last answer
   * @param latency each request's time, as its client saw it
   */
  record Rate(int operations, int clients, Duration wall, LatencySummary latency) {
    Rate {
      requireNonNull(wall, "wall is null");
      requireNonNull(latency, "latency is null");
      if (wall.isZero() || wall.isNegative()) {
        throw new IllegalArgumentException("wall must be positive, got " + wall);
      }
    }

    double perSecond() {
      return operations / (wall.toNanos() / 1e9);
    }
  }

  /** One converter's figures in one round. */
  record ConverterResult(String converter, Outcome<ConverterRun> run) {
    ConverterResult {
      requireNonNull(converter, "converter is null");
      requireNonNull(run, "run is null");
    }
  }

  /**
   * One converter, single thread, after warm-up.
   *
   * @param records records converted per direction
   * @param fromConnect time for {@code fromConnectData} of all records (Connect -> bytes)
   * @param toConnect time for {@code toConnectData} of all records (bytes -> Connect)
   * @param bytesPerRecord mean size of the converted records
   */
  record ConverterRun(
      long records, Duration fromConnect, Duration toConnect, double bytesPerRecord) {
    ConverterRun {
      requireNonNull(fromConnect, "fromConnect is null");
      requireNonNull(toConnect, "toConnect is null");
      if (fromConnect.isZero() || toConnect.isZero()) {
        throw new IllegalArgumentException("durations must be positive");
      }
    }

    double fromConnectPerSecond() {
      return records / (fromConnect.toNanos() / 1e9);
    }

    double toConnectPerSecond() {
      return records / (toConnect.toNanos() / 1e9);
    }
  }
}
