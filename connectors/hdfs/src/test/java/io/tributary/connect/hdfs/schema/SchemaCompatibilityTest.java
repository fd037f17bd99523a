package io.tributary.connect.hdfs.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.SchemaProjectorException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

  /** v1: id. */
  static final Schema V1 =
      SchemaBuilder.struct().name("Order").version(1).field("id", Schema.INT64_SCHEMA).build();

  /** v2: id, plus status with a default. */
  static final Schema V2 =
      SchemaBuilder.struct()
          .name("Order")
          .version(2)
          .field("id", Schema.INT64_SCHEMA)
          .field("status", SchemaBuilder.string().defaultValue("NEW").build())
          .build();

  /** v3: id, status, plus an optional note. */
  static final Schema V3 =
      SchemaBuilder.struct()
          .name("Order")
          .version(3)
          .field("id", Schema.INT64_SCHEMA)
          .field("status", SchemaBuilder.string().defaultValue("NEW").build())
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .build();

  /** v4: id and a required field with no default. */
  static final Schema V4 =
      SchemaBuilder.struct()
          .name("Order")
          .version(4)
          .field("id", Schema.INT64_SCHEMA)
          .field("customer", Schema.STRING_SCHEMA)
          .build();

  static SinkRecord record(Schema schema, Object value) {
    return new SinkRecord("orders", 0, null, null, schema, value, 5L, 1000L, null);
  }

  @Test
  void noneChangesFileOnAnyDifferentSchemaAndNeverProjects() {
    SchemaCompatibility none = SchemaCompatibility.NONE;
    Schema v1Again =
        SchemaBuilder.struct().name("Order").version(1).field("id", Schema.INT64_SCHEMA).build();
    Schema unversioned =
        SchemaBuilder.struct().name("Order").field("id", Schema.INT64_SCHEMA).build();

    assertThat(none.shouldChangeSchema(V1, V1)).isFalse();
    assertThat(none.shouldChangeSchema(v1Again, V1)).isFalse();
    assertThat(none.shouldChangeSchema(V2, V1)).isTrue();
    assertThat(none.shouldChangeSchema(V1, V2)).isTrue();
    assertThat(none.shouldChangeSchema(unversioned, V1)).isTrue();
    assertThat(none.shouldChangeSchema(null, null)).isFalse();
    assertThat(none.shouldChangeSchema(null, V1)).isTrue();
    assertThat(none.shouldChangeSchema(V1, null)).isTrue();

    SinkRecord older = record(V1, new Struct(V1).put("id", 1L));
    assertThat(none.project(older, V2)).isSameAs(older);
  }

  @Test
  void theModeIsReadFromItsConfigName() {
    assertThat(SchemaCompatibility.valueOf("BACKWARD")).isEqualTo(SchemaCompatibility.BACKWARD);
    assertThat(SchemaCompatibility.CONFIG).isEqualTo("schema.compatibility");
  }

  @Test
  void versionedModesNeedVersionsAndSchemas() {
    Schema unversioned =
        SchemaBuilder.struct().name("Order").field("id", Schema.INT64_SCHEMA).build();

    for (SchemaCompatibility mode :
        new SchemaCompatibility[] {
          SchemaCompatibility.BACKWARD, SchemaCompatibility.FORWARD, SchemaCompatibility.FULL
        }) {
      assertThat(mode.shouldChangeSchema(null, null)).isFalse();
      assertThatThrownBy(() -> mode.shouldChangeSchema(unversioned, V1))
          .isInstanceOf(SchemaProjectorException.class)
          .hasMessageContaining("version required for schema.compatibility=" + mode);
      assertThatThrownBy(() -> mode.shouldChangeSchema(null, V1))
          .isInstanceOf(SchemaProjectorException.class)
          .hasMessageContaining("with and without a value schema");
    }
  }

  static Struct v1(long id) {
    return new Struct(V1).put("id", id);
  }

  static Struct v2(long id, String status) {
    return new Struct(V2).put("id", id).put("status", status);
  }

  static Struct v3(long id, String status, String note) {
    return new Struct(V3).put("id", id).put("status", status).put("note", note);
  }

  /** A file the simulated writer produced: its schema and the values written to it. */
  record File(Schema schema, List<Object> values) {}

  /**
   * The decision loop of a sink writer: the first record opens a file with its schema; later ones
   * either start a new file (shouldChangeSchema) or are projected to the open file's schema.
   */
  static List<File> write(SchemaCompatibility mode, List<SinkRecord> records) {
    List<File> files = new ArrayList<>();
    File open = null;
    for (SinkRecord record : records) {
      if (open == null || mode.shouldChangeSchema(record.valueSchema(), open.schema())) {
        open = new File(record.valueSchema(), new ArrayList<>());
        files.add(open);
      }
      SinkRecord projected = mode.project(record, open.schema());
      assertThat(projected.valueSchema()).isEqualTo(open.schema());
      open.values().add(projected.value());
    }
    return files;
  }

  @Test
  void backwardKeepsTheNewestSchemaAndProjectsOlderRecordsFillingDefaults() {
    // given: v1, then v2, then a late v1, then v3, then a late v2
    List<SinkRecord> records =
        List.of(
            record(V1, v1(1)),
            record(V2, v2(2, "PAID")),
            record(V1, v1(3)),
            record(V3, v3(4, "SHIPPED", "fragile")),
            record(V2, v2(5, "PAID")));

    // when
    List<File> files = write(SchemaCompatibility.BACKWARD, records);

    // then: a new file each time the version goes up; older records projected to the newer schema
    assertThat(files).extracting(f -> f.schema().version()).containsExactly(1, 2, 3);
    assertThat(files.get(0).values()).containsExactly(v1(1));
    assertThat(files.get(1).values()).containsExactly(v2(2, "PAID"), v2(3, "NEW"));
    assertThat(files.get(2).values())
        .containsExactly(v3(4, "SHIPPED", "fragile"), v3(5, "PAID", null));
  }

  @Test
  void fullBehavesLikeBackward() {
    List<SinkRecord> records =
        List.of(record(V1, v1(1)), record(V2, v2(2, "PAID")), record(V1, v1(3)));

    List<File> files = write(SchemaCompatibility.FULL, records);

    assertThat(files).extracting(f -> f.schema().version()).containsExactly(1, 2);
    assertThat(files.get(1).values()).containsExactly(v2(2, "PAID"), v2(3, "NEW"));
  }

  @Test
  void forwardKeepsTheOldestSchemaAndProjectsNewerRecordsDroppingFields() {
    // given: v3, then v2, then a v3, then v1
    List<SinkRecord> records =
        List.of(
            record(V3, v3(1, "PAID", "a")),
            record(V2, v2(2, "NEW")),
            record(V3, v3(3, "SHIPPED", "b")),
            record(V1, v1(4)));

    // when
    List<File> files = write(SchemaCompatibility.FORWARD, records);

    // then: a new file each time the version goes down; newer records lose the fields it lacks
    assertThat(files).extracting(f -> f.schema().version()).containsExactly(3, 2, 1);
    assertThat(files.get(0).values()).containsExactly(v3(1, "PAID", "a"));
    assertThat(files.get(1).values()).containsExactly(v2(2, "NEW"), v2(3, "SHIPPED"));
    assertThat(files.get(2).values()).containsExactly(v1(4));
  }

  @Test
  void noneStartsAFileOnEveryChangeMidStream() {
    List<SinkRecord> records =
        List.of(record(V1, v1(1)), record(V1, v1(2)), record(V2, v2(3, "PAID")), record(V1, v1(4)));

    List<File> files = write(SchemaCompatibility.NONE, records);

    assertThat(files).extracting(f -> f.schema().version()).containsExactly(1, 2, 1);
    assertThat(files.get(0).values()).containsExactly(v1(1), v1(2));
  }

  @Test
  void projectionKeepsKeyOffsetTimestampAndHeaders() {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("trace", "t-1");
    SinkRecord record =
        new SinkRecord(
            "orders", 4, Schema.STRING_SCHEMA, "k", V1, v1(9), 77L, 1234L, null, headers);

    SinkRecord projected = SchemaCompatibility.BACKWARD.project(record, V2);

    assertThat(projected.value()).isEqualTo(v2(9, "NEW"));
    assertThat(projected.valueSchema()).isEqualTo(V2);
    assertThat(projected.topic()).isEqualTo("orders");
    assertThat(projected.kafkaPartition()).isEqualTo(4);
    assertThat(projected.kafkaOffset()).isEqualTo(77L);
    assertThat(projected.timestamp()).isEqualTo(1234L);
    assertThat(projected.key()).isEqualTo("k");
    assertThat(projected.headers().lastWithName("trace").value()).isEqualTo("t-1");
    assertThat(SchemaCompatibility.BACKWARD.project(record, V1)).isSameAs(record);
  }

  @Test
  void anImpossibleProjectionFailsNamingRecordAndVersions() {
    // v4 added a required field without a default: a v1 record cannot be projected to it
    SinkRecord record = record(V1, v1(1));

    assertThatThrownBy(() -> SchemaCompatibility.BACKWARD.project(record, V4))
        .isInstanceOf(SchemaProjectorException.class)
        .hasMessageContaining("orders-0@5")
        .hasMessageContaining("version 1")
        .hasMessageContaining("version 4")
        .hasMessageContaining("schema.compatibility=BACKWARD");
  }
}
