package io.tributary.connect.hdfs.partition;

import static io.tributary.connect.hdfs.partition.PartitionersTest.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class TimeBasedPartitionerTest {
  static final String HOURLY = "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH";

  /** 2026-11-22T10:15:30.123Z. */
  static final long AT = Instant.parse("2026-11-22T10:15:30.123Z").toEpochMilli();

  static final Schema EVENT =
      SchemaBuilder.struct()
          .name("Event")
          .field("at", Timestamp.SCHEMA)
          .field("epoch", Schema.INT64_SCHEMA)
          .field("iso", Schema.STRING_SCHEMA)
          .field("meta", SchemaBuilder.struct().field("seen", Schema.OPTIONAL_INT64_SCHEMA).build())
          .build();

  static SinkRecord record(Schema schema, Object value, Long timestamp) {
    return new SinkRecord("events", 1, null, null, schema, value, 99L, timestamp, null);
  }

  static Partitioner time(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>();
    props.put("partitioner.class", "time");
    props.put("path.format", HOURLY);
    props.put("partition.duration.ms", "3600000");
    props.put("timezone", "UTC");
    props.put("timestamp.extractor", "Record");
    props.putAll(extra);
    return Partitioners.create(config(props));
  }

  static String at(Partitioner partitioner, String instant) {
    return partitioner.encodePartition(
        record(null, null, Instant.parse(instant).toEpochMilli()), 0L);
  }

  @Test
  void hourlyDirectoriesInUtcByRecordTime() {
    Partitioner partitioner = time(Map.of());

    assertThat(partitioner.encodePartition(record(null, "x", AT), 0L))
        .isEqualTo("year=2026/month=11/day=22/hour=10");
  }

  @Test
  void directoriesAreInTheLocalTimeOfTheTimezone() {
    assertThat(at(time(Map.of("timezone", "Europe/Paris")), "2026-11-22T10:15:30Z"))
        .isEqualTo("year=2026/month=11/day=22/hour=11");
    assertThat(at(time(Map.of("timezone", "America/New_York")), "2026-11-22T23:30:00Z"))
        .isEqualTo("year=2026/month=11/day=22/hour=18");
    assertThat(at(time(Map.of("timezone", "Asia/Tokyo")), "2026-11-22T23:30:00Z"))
        .isEqualTo("year=2026/month=11/day=23/hour=08");
    // half-hour offset: buckets are aligned in local time (15:45 local -> the 15:00 bucket)
    assertThat(at(time(Map.of("timezone", "Asia/Kolkata")), "2026-11-22T10:15:00Z"))
        .isEqualTo("year=2026/month=11/day=22/hour=15");
  }

  @Test
  void theDurationRoundsDownToItsMultiple() {
    Partitioner quarter =
        time(
            Map.of(
                "path.format", "'dt'=YYYY-MM-dd/'time'=HHmm", "partition.duration.ms", "900000"));
    Partitioner sixHours =
        time(Map.of("path.format", "'dt'=YYYY-MM-dd/'h'=HH", "partition.duration.ms", "21600000"));

    assertThat(at(quarter, "2026-11-22T10:29:59Z")).isEqualTo("dt=2026-11-22/time=1015");
    assertThat(at(quarter, "2026-11-22T10:30:00Z")).isEqualTo("dt=2026-11-22/time=1030");
    assertThat(at(sixHours, "2026-11-22T17:59:59Z")).isEqualTo("dt=2026-11-22/h=12");
  }

  @Test
  void jodaYearLettersMeanTheCalendarYearNotTheWeekYear() {
    Partitioner daily =
        Partitioners.create(
            config(
                Map.of(
                    "partitioner.class",
                    "daily",
                    "timezone",
                    "UTC",
                    "timestamp.extractor",
                    "Record")));

    // 2024-12-30 is in ISO week 1 of 2025: DateTimeFormatter's 'YYYY' would say 2025.
    assertThat(at(daily, "2024-12-30T12:00:00Z")).isEqualTo("year=2024/month=12/day=30");
  }

  @Test
  void quotedLiteralsReservedCharactersAndLocales() {
    assertThat(at(time(Map.of("path.format", "'it''s'=YYYY/[HH]")), "2026-11-22T10:00:00Z"))
        .isEqualTo("it's=2026/[10]");
    assertThat(at(time(Map.of("path.format", "'m'=MMMM/", "locale", "en")), "2026-11-22T10:00:00Z"))
        .isEqualTo("m=November");
    assertThat(
            at(time(Map.of("path.format", "'m'=MMMM", "locale", "fr_FR")), "2026-11-22T10:00:00Z"))
        .isEqualTo("m=novembre");
  }

  @Test
  void hourlyAndDailyShortcutsAndConfluentClassNames() {
    Partitioner hourly =
        Partitioners.create(
            config(
                Map.of(
                    "partitioner.class",
                    "io.confluent.connect.storage.partitioner.HourlyPartitioner",
                    "timezone",
                    "UTC",
                    "locale",
                    "en_US",
                    "path.format",
                    "ignored",
                    "timestamp.extractor",
                    "Record")));
    Partitioner daily =
        Partitioners.create(
            config(
                Map.of(
                    "partitioner.class",
                    "io.confluent.connect.hdfs.partitioner.DailyPartitioner",
                    "timezone",
                    "UTC",
                    "timestamp.extractor",
                    "io.confluent.connect.storage.partitioner.TimeBasedPartitioner"
                        + "$RecordTimestampExtractor")));
    Partitioner timeBased =
        time(
            Map.of(
                "partitioner.class",
                "io.confluent.connect.storage.partitioner.TimeBasedPartitioner"));

    assertThat(at(hourly, "2026-11-22T10:15:00Z")).isEqualTo("year=2026/month=11/day=22/hour=10");
    assertThat(at(daily, "2026-11-22T10:15:00Z")).isEqualTo("year=2026/month=11/day=22");
    assertThat(at(timeBased, "2026-11-22T10:15:00Z"))
        .isEqualTo("year=2026/month=11/day=22/hour=10");
  }

  @Test
  void theExtractorAndDurationAreAvailableForRotation() {
    TimeBasedPartitioner partitioner =
        (TimeBasedPartitioner) time(Map.of("timestamp.extractor", "Record"));

    assertThat(partitioner.partitionDurationMs()).isEqualTo(3_600_000L);
    assertThat(partitioner.timestampExtractor().extract(record(null, "x", AT), 0L)).isEqualTo(AT);
  }

  @Test
  void wallclockUsesTheSinksClock() {
    Partitioner partitioner = time(Map.of("timestamp.extractor", "Wallclock"));

    assertThat(
            partitioner.encodePartition(
                record(null, "x", AT), Instant.parse("2030-01-02T03:04:05Z").toEpochMilli()))
        .isEqualTo("year=2030/month=01/day=02/hour=03");
  }

  @Test
  void recordFieldReadsTimestampsNumbersAndIsoStringsNestedToo() {
    Struct value =
        new Struct(EVENT)
            .put("at", new Date(AT))
            .put("epoch", Instant.parse("2026-01-05T07:00:00Z").toEpochMilli())
            .put("iso", "2026-03-04T05:06:07+02:00")
            .put(
                "meta",
                new Struct(EVENT.field("meta").schema())
                    .put("seen", Instant.parse("2025-12-31T23:59:59Z").toEpochMilli()));
    SinkRecord record = record(EVENT, value, null);

    assertThat(field("at").encodePartition(record, 0L))
        .isEqualTo("year=2026/month=11/day=22/hour=10");
    assertThat(field("epoch").encodePartition(record, 0L))
        .isEqualTo("year=2026/month=01/day=05/hour=07");
    assertThat(field("iso").encodePartition(record, 0L))
        .isEqualTo("year=2026/month=03/day=04/hour=03");
    assertThat(field("meta.seen").encodePartition(record, 0L))
        .isEqualTo("year=2025/month=12/day=31/hour=23");
  }

  @Test
  void recordFieldInSchemalessMapsAndLocalIsoStringsInTheTimezone() {
    Map<String, Object> value = Map.of("ts", "2026-07-01T12:30:00", "n", 1_800_000_000_000L);
    Partitioner paris =
        time(
            Map.of(
                "timestamp.extractor",
                "RecordField",
                "timestamp.field",
                "ts",
                "timezone",
                "Europe/Paris"));
    Partitioner number = time(Map.of("timestamp.extractor", "recordfield", "timestamp.field", "n"));

    assertThat(paris.encodePartition(record(null, value, null), 0L))
        .isEqualTo("year=2026/month=07/day=01/hour=12");
    assertThat(number.encodePartition(record(null, value, null), 0L))
        .isEqualTo("year=2027/month=01/day=15/hour=08");
  }

  @Test
  void recordsWithoutAUsableTimeFailClearly() {
    assertThatThrownBy(() -> time(Map.of()).encodePartition(record(null, "x", null), 0L))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("events-1@99")
        .hasMessageContaining("no timestamp");
    Map<String, Object> value = new HashMap<>();
    value.put("ts", "yesterday");
    value.put("flag", true);
    value.put("none", null);
    assertThatThrownBy(() -> field("ts").encodePartition(record(null, value, null), 0L))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("'yesterday'");
    assertThatThrownBy(() -> field("flag").encodePartition(record(null, value, null), 0L))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Boolean");
    assertThatThrownBy(() -> field("none").encodePartition(record(null, value, null), 0L))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("null");
    assertThatThrownBy(() -> field("absent").encodePartition(record(null, value, null), 0L))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("'absent'");
  }

  @Test
  void invalidSettingsAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> time(Map.of("timezone", "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("timezone");
    assertThatThrownBy(() -> time(Map.of("timezone", "Mars/Olympus")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("timezone")
        .hasMessageContaining("Mars/Olympus");
    assertThatThrownBy(() -> time(Map.of("partition.duration.ms", "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("partition.duration.ms");
    assertThatThrownBy(() -> time(Map.of("path.format", "/")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("path.format");
    assertThatThrownBy(() -> time(Map.of("path.format", "'year=YYYY")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unterminated quote");
    assertThatThrownBy(() -> time(Map.of("path.format", "year=YYYY")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("path.format")
        .hasMessageContaining("'e'");
    assertThatThrownBy(() -> time(Map.of("timestamp.extractor", "com.example.MyExtractor")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("timestamp.extractor");
    assertThatThrownBy(
            () -> time(Map.of("timestamp.extractor", "RecordField", "timestamp.field", " ")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("timestamp.field");
  }

  private static Partitioner field(String name) {
    return time(Map.of("timestamp.extractor", "RecordField", "timestamp.field", name));
  }
}
