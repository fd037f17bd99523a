package io.tributary.registry.server.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroSchemasTest {

  @Test
  void canonicalIsAvrosCompactForm() {
    // given: whitespace, key order and a redundant namespace declaration
    String text =
        """
        {
          "fields": [ {"type": "string", "name": "f1"} ],
          "name": "User", "namespace": "com.example", "type": "record"
        }
        """;

    // when
    ParsedAvroSchema parsed = AvroSchemas.parse(text, List.of());

    // then
    assertThat(parsed.canonical())
        .isEqualTo(
            "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"com.example\","
                + "\"fields\":[{\"name\":\"f1\",\"type\":\"string\"}]}");
    assertThat(parsed.schema().getFullName()).isEqualTo("com.example.User");
  }

  @Test
  void aPrimitiveMayBeGivenAsAJsonString() {
    ParsedAvroSchema parsed = AvroSchemas.parse("\"string\"", List.of());

    assertThat(parsed.schema().getType()).isEqualTo(Schema.Type.STRING);
    assertThat(parsed.canonical()).isEqualTo("\"string\"");
    assertThat(AvroSchemas.parse("{\"type\":\"long\"}").canonical()).isEqualTo("\"long\"");
  }

  @Test
  void referencedNamedTypesResolveAndStayOutOfTheCanonicalText() {
    // given: Address references Country; Customer references both
    String country =
        "{\"type\":\"enum\",\"name\":\"Country\",\"namespace\":\"geo\",\"symbols\":[\"FR\",\"DE\"]}";
    String address =
        "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"geo\",\"fields\":["
            + "{\"name\":\"country\",\"type\":\"Country\"}]}";
    String customer =
        "{\"type\":\"record\",\"name\":\"Customer\",\"fields\":["
            + "{\"name\":\"home\",\"type\":\"geo.Address\"},"
            + "{\"name\":\"born\",\"type\":\"geo.Country\"}]}";

    // when
    ParsedAvroSchema parsed = AvroSchemas.parse(customer, List.of(country, address));

    // then
    assertThat(
            parsed.schema().getField("home").schema().getField("country").schema().getEnumSymbols())
        .containsExactly("FR", "DE");
    assertThat(parsed.canonical())
        .isEqualTo(
            "{\"type\":\"record\",\"name\":\"Customer\",\"fields\":["
                + "{\"name\":\"home\",\"type\":\"geo.Address\"},"
                + "{\"name\":\"born\",\"type\":\"geo.Country\"}]}");
    assertThat(parsed.references())
        .extracting(Schema::getFullName)
        .containsExactly("geo.Country", "geo.Address");
  }

  @Test
  void aMissingReferenceIsAnUnknownType() {
    String customer =
        "{\"type\":\"record\",\"name\":\"Customer\",\"fields\":["
            + "{\"name\":\"home\",\"type\":\"geo.Address\"}]}";

    assertThatThrownBy(() -> AvroSchemas.parse(customer, List.of()))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessageContaining("unknown type 'geo.Address'")
        .hasMessageContaining("nor a named type defined in the schema or in its references");
  }

  @Test
  void malformedJsonSaysWhere() {
    assertThatThrownBy(() -> AvroSchemas.parse("{\"type\": \"record\",", List.of()))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessageStartingWith("Invalid schema: not valid JSON at line 1, column");
    assertThatThrownBy(() -> AvroSchemas.parse("string", List.of()))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> AvroSchemas.parse("\"int\" trailing", List.of()))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> AvroSchemas.parse("  ", List.of()))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessage("Invalid schema: the schema text is empty");
  }

  @Test
  void invalidAvroIsRejectedWithTheReason() {
    assertThatThrownBy(() -> AvroSchemas.parse("{\"type\":\"recrod\",\"name\":\"R\"}", List.of()))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessageContaining("unknown type 'recrod'");
    assertThatThrownBy(() -> AvroSchemas.parse("{\"type\":\"record\",\"name\":\"R\"}", List.of()))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessageContaining("Record has no fields");
    assertThatThrownBy(
            () ->
                AvroSchemas.parse(
                    "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                        + "{\"name\":\"a\",\"type\":\"int\"}]}",
                    List.of()))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessageContaining("Duplicate field a");
    assertThatThrownBy(() -> AvroSchemas.parse("42", List.of()))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessageStartingWith("Invalid schema: ");
    assertThatThrownBy(
            () ->
                AvroSchemas.parse(
                    "{\"type\":\"record\",\"name\":\"1bad\",\"fields\":[]}", List.of()))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessageContaining("1bad");
  }

  @Test
  void defaultsAreValidated() {
    String badDefault =
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":"
            + "[{\"name\":\"a\",\"type\":\"int\",\"default\":\"x\"}]}";
    String badEnumDefault =
        "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"],\"default\":\"B\"}";

    assertThatThrownBy(() -> AvroSchemas.parse(badDefault, List.of()))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessageContaining("Invalid default for field a");
    assertThatThrownBy(() -> AvroSchemas.parse(badEnumDefault, List.of()))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessageContaining("B");
  }

  @Test
  void anInvalidReferenceIsNamed() {
    assertThatThrownBy(() -> AvroSchemas.parse("\"string\"", List.of("\"int\"", "{")))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessageStartingWith("Invalid referenced schema #2: not valid JSON");
  }

  @Test
  void normalizedSortsPropertiesAndAliasesAndDropsAZeroScale() {
    // given: two texts of one schema that differ only in property order, alias order and scale 0
    String one =
        "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"n\",\"aliases\":[\"Z\",\"B\"],"
            + "\"zeta\":1,\"alpha\":{\"y\":1,\"x\":2},"
            + "\"fields\":[{\"name\":\"d\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\","
            + "\"precision\":5,\"scale\":0}},"
            + "{\"name\":\"p\",\"type\":\"double\",\"default\":1}]}";
    String two =
        "{\"type\":\"record\",\"name\":\"n.R\",\"aliases\":[\"B\",\"Z\"],"
            + "\"alpha\":{\"x\":2,\"y\":1},\"zeta\":1,"
            + "\"fields\":[{\"name\":\"d\",\"type\":{\"logicalType\":\"decimal\",\"precision\":5,"
            + "\"type\":\"bytes\"}},"
            + "{\"name\":\"p\",\"type\":\"double\",\"default\":1.0}]}";

    // when
    ParsedAvroSchema first = AvroSchemas.parse(one, List.of());
    ParsedAvroSchema second = AvroSchemas.parse(two, List.of());

    // then: the texts differ, their normalized forms do not
    assertThat(first.canonical()).isNotEqualTo(second.canonical());
    assertThat(first.normalized().canonical()).isEqualTo(second.normalized().canonical());
    assertThat(first.normalized().canonical())
        .isEqualTo(
            "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"n\",\"fields\":["
                + "{\"name\":\"d\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\","
                + "\"precision\":5}},"
                + "{\"name\":\"p\",\"type\":\"double\",\"default\":1.0}],"
                + "\"alpha\":{\"x\":2,\"y\":1},\"zeta\":1,\"aliases\":[\"B\",\"Z\"]}");
    assertThat(first.normalized().normalized()).isEqualTo(first.normalized());
  }

  @Test
  void normalizedKeepsReferencesByName() {
    String address =
        "{\"type\":\"record\",\"name\":\"Address\",\"fields\":[{\"name\":\"s\",\"type\":\"string\"}]}";
    String customer =
        "{\"type\":\"record\",\"name\":\"Customer\",\"fields\":["
            + "{\"type\":\"Address\",\"name\":\"home\"}]}";

    ParsedAvroSchema normalized = AvroSchemas.parse(customer, List.of(address)).normalized();

    assertThat(normalized.canonical())
        .isEqualTo(
            "{\"type\":\"record\",\"name\":\"Customer\",\"fields\":["
                + "{\"name\":\"home\",\"type\":\"Address\"}]}");
    assertThat(normalized.schema().getField("home").schema().getField("s")).isNotNull();
  }

  @Test
  void schemaTypeIsAvro() {
    assertThat(AvroSchemas.schemaType()).isEqualTo("AVRO");
  }
}
