package io.tributary.connect.hdfs.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.SchemaProjectorException;
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
}
