package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import io.tributary.bench.RegistryResults.ConverterResult;
import io.tributary.bench.RegistryResults.ConverterRun;
import io.tributary.registry.client.SchemaRegistryClientConfig;
import io.tributary.registry.converter.AvroConverter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Avro converter against Apache's JsonConverter (with and without schemas in the message) on
 * the same Connect records, in this JVM, one thread: records/s each way after warm-up, and bytes
 * per record.
 */
final class ConverterWorkload {
  private static final Logger LOGGER = LoggerFactory.getLogger(ConverterWorkload.class);

  /** Distinct records cycled through, so no converter sees the same value every time. */
  static final int DISTINCT_RECORDS = 1000;

  /**
   * The least warm-up per converter, whatever the record count: on a busy machine the JIT compiler
   * needs seconds, not records, to finish with the conversion paths.
   */
  static final Duration MIN_WARMUP = Duration.ofSeconds(3);

  static final String AVRO = "AvroConverter (Tributary)";
  static final String JSON_WITH_SCHEMAS = "JsonConverter, schemas.enable=true";
  static final String JSON_WITHOUT_SCHEMAS = "JsonConverter, schemas.enable=false";

  private final URI registryUrl;
  private final long warmupRecords;
  private final long records;
  private final List<Struct> values = ConnectRecords.values(DISTINCT_RECORDS);

  ConverterWorkload(URI registryUrl, long warmupRecords, long records) {
    this.registryUrl = requireNonNull(registryUrl, "registryUrl is null");
    this.warmupRecords = warmupRecords;
    this.records = records;
  }

  /** Each converter in turn, the Avro converter first; a topic of its own per round. */
  List<ConverterResult> run(int round) {
    String topic = "registry-bench-converter-r" + round;
    List<ConverterResult> results = new ArrayList<>();
    results.add(measure(AVRO, () -> avro(), topic, true));
    results.add(measure(JSON_WITH_SCHEMAS, () -> json(true), topic, true));
    results.add(measure(JSON_WITHOUT_SCHEMAS, () -> json(false), topic, false));
    return results;
  }

  private Converter avro() {
    AvroConverter converter = new AvroConverter();
    converter.configure(
        Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl.toString()),
        false);
    return converter;
  }

  private static Converter json(boolean schemasEnable) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", Boolean.toString(schemasEnable)), false);
    return converter;
  }

  private ConverterResult measure(
      String label, Supplier<Converter> factory, String topic, boolean typedRoundTrip) {
    LOGGER.info("Converting {} records each way with {}", records, label);
    return new ConverterResult(
        label, Outcome.of(() -> measure(factory.get(), topic, typedRoundTrip)));
  }

  private ConverterRun measure(Converter converter, String topic, boolean typedRoundTrip) {
    int distinct = values.size();
    byte[][] encoded = new byte[distinct][];
    long totalBytes = 0;
    for (int i = 0; i < distinct; i++) {
      encoded[i] = converter.fromConnectData(topic, ConnectRecords.SCHEMA, values.get(i));
      totalBytes += encoded[i].length;
    }
    for (int i = 0; i < distinct; i++) {
      check(values.get(i), converter.toConnectData(topic, encoded[i]), typedRoundTrip);
    }
    long sink = 0;
    long warmupEnd = System.nanoTime() + MIN_WARMUP.toNanos();
    for (long w = 0; w < warmupRecords || System.nanoTime() < warmupEnd; w++) {
      int i = (int) (w % distinct);
      sink += converter.fromConnectData(topic, ConnectRecords.SCHEMA, values.get(i)).length;
      sink += converter.toConnectData(topic, encoded[i]).value() == null ? 0 : 1;
    }
    long start = System.nanoTime();
    for (long r = 0; r < records; r++) {
      sink +=
          converter.fromConnectData(topic, ConnectRecords.SCHEMA, values.get((int) (r % distinct)))
              .length;
    }
    long fromConnect = System.nanoTime() - start;
    start = System.nanoTime();
    for (long r = 0; r < records; r++) {
      sink += converter.toConnectData(topic, encoded[(int) (r % distinct)]).value() == null ? 0 : 1;
    }
    long toConnect = System.nanoTime() - start;
    if (sink == 42) {
      LOGGER.trace("sink {}", sink); // keeps the results alive
    }
    return new ConverterRun(
        records,
        Duration.ofNanos(Math.max(fromConnect, 1)),
        Duration.ofNanos(Math.max(toConnect, 1)),
        (double) totalBytes / distinct);
  }

  /**
   * The converter must give back what it was given: field by field when the message carries a
   * schema; without one (JsonConverter, schemas.enable=false) a map with every field.
   */
  private static void check(Struct original, SchemaAndValue back, boolean typed) {
    if (typed) {
      if (!(back.value() instanceof Struct struct)) {
        throw new IllegalStateException("Expected a Struct back, got " + back.value());
      }
      for (Field field : ConnectRecords.SCHEMA.fields()) {
        Object expected = original.get(field);
        Object actual = struct.get(field.name());
        if (!Objects.equals(expected, actual)) {
          throw new IllegalStateException(
              "Round trip changed field " + field.name() + ": " + expected + " became " + actual);
        }
      }
    } else if (!(back.value() instanceof Map<?, ?> map)
        || map.size() != ConnectRecords.SCHEMA.fields().size()) {
      throw new IllegalStateException("Expected a map of every field back, got " + back.value());
    }
  }
}
