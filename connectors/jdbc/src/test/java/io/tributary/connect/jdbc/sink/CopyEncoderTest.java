package io.tributary.connect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.jdbc.db.TributaryTypes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CopyEncoderTest {
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSxxx");
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");
  private static final Schema MICRO_TIMESTAMP =
      SchemaBuilder.int64().name(TributaryTypes.MICRO_TIMESTAMP).build();

  @ParameterizedTest
  @ValueSource(
      strings = {"UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kolkata", "Pacific/Chatham"})
  void timestampsMatchTheFormattersAcrossZonesAndYears(String zone) {
    // Given
    ZoneId dbZone = ZoneId.of(zone);
    CopyEncoder encoder = new CopyEncoder(dbZone);
    SplittableRandom random = new SplittableRandom(42);
    long[] fixed = {
      0L,
      -1L,
      1L,
      999L,
      -999_999L,
      1_711_846_800_000L,
      -62_135_596_800_000L,
      253_402_300_799_999L,
      -30_610_224_000_000L,
      300_000_000_000_000L
    };

    for (int i = 0; i < 5_000 + fixed.length; i++) {
      long millis =
          i < fixed.length ? fixed[i] : random.nextLong(-5_000_000_000_000L, 5_000_000_000_000L);
      long micros = millis * 1000 + random.nextInt(1000);

      // When
      StringBuilder millisText = new StringBuilder();
      encoder.append(millisText, Timestamp.SCHEMA, new java.util.Date(millis));
      StringBuilder microsText = new StringBuilder();
      encoder.append(microsText, MICRO_TIMESTAMP, micros);

      // Then
      assertThat(millisText.toString())
          .as("millis %d in %s", millis, zone)
          .isEqualTo(MILLIS.format(Instant.ofEpochMilli(millis).atZone(dbZone)));
      Instant microsInstant =
          Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000))
              .plusNanos(Math.floorMod(micros, 1_000_000) * 1000L);
      assertThat(microsText.toString())
          .as("micros %d in %s", micros, zone)
          .isEqualTo(MICROS.format(microsInstant.atZone(dbZone)));
    }
  }
}
