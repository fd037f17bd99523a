package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class BenchSchemasTest {

  @Test
  void schemasOfASetAreDistinctRecordsThatParseBack() {
    // When
    List<Schema> schemas = BenchSchemas.set(2, "seq", 20);

    // Then
    assertThat(schemas).hasSize(20).doesNotHaveDuplicates();
    assertThat(schemas.stream().map(Schema::toString).distinct()).hasSize(20);
    for (Schema schema : schemas) {
      assertThat(schema.getType()).isEqualTo(Schema.Type.RECORD);
      assertThat(schema.getFields()).hasSizeBetween(3, 10);
      assertThat(new Schema.Parser().parse(schema.toString())).isEqualTo(schema);
    }
  }

  @Test
  void roundsAndSetsNeverShareASchemaOrSubject() {
    assertThat(BenchSchemas.schema(1, "seq", 0)).isNotEqualTo(BenchSchemas.schema(2, "seq", 0));
    assertThat(BenchSchemas.schema(1, "seq", 0)).isNotEqualTo(BenchSchemas.schema(1, "conc", 0));
    assertThat(BenchSchemas.subject(1, "seq", 7)).isEqualTo("registry-bench-r1-seq-7-value");
    assertThat(BenchSchemas.subject(1, "conc", 7)).isNotEqualTo(BenchSchemas.subject(1, "seq", 7));
  }

  @Test
  void theSameArgumentsGiveTheSameSchema() {
    assertThat(BenchSchemas.schema(3, "conc", 5)).isEqualTo(BenchSchemas.schema(3, "conc", 5));
  }
}
