package io.tributary.registry.server.internal.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every compatibility level against representative schema evolutions: the verdict, and for an
 * incompatible one, the messages' error type, path, field and wording.
 */
class CompatibilityMatrixTest {

  /** A schema change from {@code before} to {@code after} with its expected verdicts. */
  private record Evolution(
      String name,
      String before,
      String after,
      boolean backward,
      boolean forward,
      List<String> backwardFragments,
      List<String> forwardFragments) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String ENUM_ABC =
      "{'type':'enum','name':'Color','symbols':['RED','GREEN','BLUE']}";
  private static final String ENUM_AB = "{'type':'enum','name':'Color','symbols':['RED','GREEN']}";
  private static final String ENUM_AB_DEFAULT =
      "{'type':'enum','name':'Color','symbols':['RED','GREEN'],'default':'RED'}";

  static List<Evolution> evolutions() {
    return List.of(
        ok(
            "add field with default",
            rec("{'name':'a','type':'int'}"),
            rec(A, "{'name':'b','type':'string','default':'x'}")),
        new Evolution(
            "add field without default",
            rec(A),
            rec(A, "{'name':'b','type':'string'}"),
            false,
            true,
            List.of(
                "errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'",
                "The field 'b' at path '/fields/1' in the new schema has no default value and is"
                    + " missing in the old schema",
                "additionalInfo:'b'"),
            List.of()),
        ok(
            "remove field with default",
            rec(A, "{'name':'b','type':'string','default':'x'}"),
            rec(A)),
        new Evolution(
            "remove field without default",
            rec(A, "{'name':'b','type':'string'}"),
            rec(A),
            true,
            false,
            List.of(),
            List.of(
                "READER_FIELD_MISSING_DEFAULT_VALUE",
                "The field 'b' at path '/fields/1' in the old schema has no default value and is"
                    + " missing in the new schema")),
        promotion("int to long", "int", "long"),
        promotion("int to double", "int", "double"),
        promotion("long to double", "long", "double"),
        promotion("long to float", "long", "float"),
        promotion("float to double", "float", "double"),
        demotion("long to int", "long", "int"),
        demotion("double to long", "double", "long"),
        demotion("double to float", "double", "float"),
        ok("string to bytes", field("'string'"), field("'bytes'")),
        ok("bytes to string", field("'bytes'"), field("'string'")),
        new Evolution(
            "int to string",
            field("'int'"),
            field("'string'"),
            false,
            false,
            List.of("TYPE_MISMATCH", "(field 'f')", "'string' and cannot read 'int'"),
            List.of("TYPE_MISMATCH", "(field 'f')", "'int' and cannot read 'string'")),
        new Evolution(
            "enum symbol added",
            field(ENUM_AB),
            field(ENUM_ABC),
            true,
            false,
            List.of(),
            List.of(
                "MISSING_ENUM_SYMBOLS",
                "at path '/fields/0/type/symbols' (field 'f') in the old schema lacks the symbols"
                    + " [BLUE] of the new schema",
                "additionalInfo:'[BLUE]'")),
        new Evolution(
            "enum symbol removed",
            field(ENUM_ABC),
            field(ENUM_AB),
            false,
            true,
            List.of("MISSING_ENUM_SYMBOLS", "in the new schema lacks the symbols [BLUE]"),
            List.of()),
        ok("enum symbol removed, new enum has a default", field(ENUM_ABC), field(ENUM_AB_DEFAULT)),
        new Evolution(
            "union branch added",
            field("['null','int']"),
            field("['null','int','string']"),
            true,
            false,
            List.of(),
            List.of(
                "MISSING_UNION_BRANCH",
                "at path '/fields/0/type/2' (field 'f') in the old schema",
                "has no union branch that can read 'string' of the new schema")),
        new Evolution(
            "union branch removed",
            field("['null','int','string']"),
            field("['null','int']"),
            false,
            true,
            List.of("MISSING_UNION_BRANCH", "can read 'string' of the old schema"),
            List.of()),
        new Evolution(
            "field made optional",
            field("'int'"),
            rec("{'name':'f','type':['null','int'],'default':null}"),
            true,
            false,
            List.of(),
            List.of(
                "TYPE_MISMATCH", "(field 'f') in the old schema is 'int' and cannot read 'null'")),
        new Evolution(
            "optional field made required",
            rec("{'name':'f','type':['null','int'],'default':null}"),
            field("'int'"),
            false,
            true,
            List.of(
                "TYPE_MISMATCH", "(field 'f') in the new schema is 'int' and cannot read 'null'"),
            List.of()),
        ok(
            "optional field added",
            rec(A),
            rec(A, "{'name':'o','type':['null','string'],'default':null}")),
        ok(
            "optional field removed",
            rec(A, "{'name':'o','type':['null','string'],'default':null}"),
            rec(A)),
        new Evolution(
            "field renamed with an alias",
            rec(A),
            rec("{'name':'b','type':'int','aliases':['a']}"),
            true,
            false,
            List.of(),
            List.of(
                "READER_FIELD_MISSING_DEFAULT_VALUE",
                "The field 'a' at path '/fields/0' in the old")),
        new Evolution(
            "record renamed with an alias",
            "{'type':'record','name':'Old','fields':[" + A + "]}",
            "{'type':'record','name':'New','aliases':['Old'],'fields':[" + A + "]}",
            true,
            false,
            List.of(),
            List.of("NAME_MISMATCH", "is 'Old' in the old schema but 'New' in the new schema")),
        new Evolution(
            "record renamed without an alias",
            "{'type':'record','name':'Old','fields':[" + A + "]}",
            "{'type':'record','name':'New','fields':[" + A + "]}",
            false,
            false,
            List.of("NAME_MISMATCH", "is 'New' in the new schema but 'Old' in the old schema"),
            List.of("NAME_MISMATCH")),
        new Evolution(
            "nested record gains a field without default",
            field(nested("{'name':'x','type':'int'}")),
            field(nested("{'name':'x','type':'int'},{'name':'y','type':'int'}")),
            false,
            true,
            List.of("The field 'y' at path '/fields/0/type/fields/1' in the new schema"),
            List.of()),
        new Evolution(
            "nested record field changes type",
            field(nested("{'name':'x','type':'int'}")),
            field(nested("{'name':'x','type':'string'}")),
            false,
            false,
            List.of("TYPE_MISMATCH", "at path '/fields/0/type/fields/0/type' (field 'f.x')"),
            List.of("TYPE_MISMATCH", "(field 'f.x')")),
        new Evolution(
            "array items promoted",
            field("{'type':'array','items':'int'}"),
            field("{'type':'array','items':'long'}"),
            true,
            false,
            List.of(),
            List.of("TYPE_MISMATCH", "at path '/fields/0/type/items' (field 'f')")),
        new Evolution(
            "map values changed",
            field("{'type':'map','values':'int'}"),
            field("{'type':'map','values':'boolean'}"),
            false,
            false,
            List.of("TYPE_MISMATCH", "'/fields/0/type/values'"),
            List.of("TYPE_MISMATCH")),
        new Evolution(
            "fixed size changed",
            field("{'type':'fixed','name':'Hash','size':16}"),
            field("{'type':'fixed','name':'Hash','size':32}"),
            false,
            false,
            List.of("FIXED_SIZE_MISMATCH", "is 32 in the new schema but 16 in the old schema"),
            List.of("FIXED_SIZE_MISMATCH", "is 16 in the old schema but 32 in the new schema")),
        // Avro resolves logical types by their underlying types: same as Confluent's registry.
        ok(
            "timestamp-millis to long",
            field("{'type':'long','logicalType':'timestamp-millis'}"),
            field("'long'")),
        ok(
            "long to timestamp-millis",
            field("'long'"),
            field("{'type':'long','logicalType':'timestamp-millis'}")),
        new Evolution(
            "decimal precision widened",
            field(decimal(6, 2)),
            field(decimal(8, 2)),
            true,
            false,
            List.of(),
            List.of(
                "errorType:'TYPE_MISMATCH'",
                "The decimal at path '/fields/0/type' (field 'f') has precision 6 and scale 2 in the"
                    + " old schema but precision 8 and scale 2 in the new schema: a smaller"
                    + " precision cannot hold every value",
                "additionalInfo:'reader decimal(6,2) not compatible with writer decimal(8,2)'")),
        new Evolution(
            "decimal scale changed",
            field(decimal(6, 2)),
            field(decimal(6, 3)),
            false,
            false,
            List.of(
                "has precision 6 and scale 3 in the new schema but precision 6 and scale 2 in the"
                    + " old schema: a different scale"),
            List.of("has precision 6 and scale 2 in the old schema but precision 6 and scale 3")),
        new Evolution(
            "optional decimal scale changed",
            rec("{'name':'f','type':['null'," + decimal(6, 2) + "],'default':null}"),
            rec("{'name':'f','type':['null'," + decimal(6, 4) + "],'default':null}"),
            false,
            false,
            List.of("The decimal at path '/fields/0/type/1' (field 'f')", "scale 4 in the new"),
            List.of("The decimal at path '/fields/0/type/1' (field 'f')", "scale 2 in the old")),
        new Evolution(
            "nested fixed decimal scale changed in an array",
            field(
                "{'type':'array','items':"
                    + nested("{'name':'amount','type':" + fixedDecimal(1) + "}")
                    + "}"),
            field(
                "{'type':'array','items':"
                    + nested("{'name':'amount','type':" + fixedDecimal(2) + "}")
                    + "}"),
            false,
            false,
            List.of("at path '/fields/0/type/items/fields/0/type' (field 'f.amount')"),
            List.of("(field 'f.amount')")),
        ok("decimal added to bytes", field("'bytes'"), field(decimal(6, 2))),
        new Evolution(
            "date (int) to timestamp-millis (long)",
            field("{'type':'int','logicalType':'date'}"),
            field("{'type':'long','logicalType':'timestamp-millis'}"),
            true,
            false,
            List.of(),
            List.of("TYPE_MISMATCH", "'int' (date) and cannot read 'long' (timestamp-millis)")));
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (Evolution evolution : evolutions()) {
      for (CompatibilityLevel level : CompatibilityLevel.values()) {
        cases.add(Arguments.of(level, evolution));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("matrix")
  void verdictAndMessagesPerLevel(CompatibilityLevel level, Evolution evolution) {
    // given
    Schema before = schema(evolution.before());
    Schema after = schema(evolution.after());

    // when
    List<String> messages =
        CompatibilityChecker.check(level, after, List.of(new PreviousSchema(3, before)));

    // then
    List<String> expectedFragments = new ArrayList<>();
    boolean compatible = true;
    if (level != CompatibilityLevel.NONE) {
      String name = level.name();
      if (name.startsWith("BACKWARD") || name.startsWith("FULL")) {
        compatible &= evolution.backward();
        expectedFragments.addAll(evolution.backwardFragments());
      }
      if (name.startsWith("FORWARD") || name.startsWith("FULL")) {
        compatible &= evolution.forward();
        expectedFragments.addAll(evolution.forwardFragments());
      }
    }
    if (compatible) {
      assertThat(messages).as("messages for a compatible change").isEmpty();
      return;
    }
    String all = String.join("\n", messages);
    assertThat(all).contains(expectedFragments);
    assertThat(messages.get(0)).startsWith("{errorType:'");
    assertThat(messages.subList(messages.size() - 3, messages.size()))
        .containsExactly(
            "{oldSchemaVersion: 3}",
            "{oldSchema: '" + before.toString() + "'}",
            "{compatibility: '" + level.name() + "'}");
  }

  @Test
  void messagesHaveConfluentsShapeForAFieldAddedWithoutDefault() {
    // given
    Schema v1 = schema(rec(A));
    Schema v2 = schema(rec(A, "{'name':'b','type':'string'}"));

    // when
    List<String> messages =
        CompatibilityChecker.check(
            CompatibilityLevel.BACKWARD, v2, List.of(new PreviousSchema(1, v1)));

    // then
    assertThat(messages)
        .containsExactly(
            "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'b' at path"
                + " '/fields/1' in the new schema has no default value and is missing in the old"
                + " schema', additionalInfo:'b'}",
            "{oldSchemaVersion: 1}",
            "{oldSchema: '{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\","
                + "\"type\":\"int\"}]}'}",
            "{compatibility: 'BACKWARD'}");
  }

  @Test
  void fullReportsBothDirections() {
    // given: a field changes from int to string, neither schema reads the other
    Schema v1 = schema(field("'int'"));
    Schema v2 = schema(field("'string'"));

    // when
    List<String> messages =
        CompatibilityChecker.check(CompatibilityLevel.FULL, v2, List.of(new PreviousSchema(1, v1)));

    // then
    assertThat(messages).hasSize(5);
    assertThat(messages.get(0)).contains("in the old schema is 'int' and cannot read 'string'");
    assertThat(messages.get(1)).contains("in the new schema is 'string' and cannot read 'int'");
  }

  @Test
  void backwardTransitiveChecksEveryVersionNonTransitiveOnlyTheNewest() {
    // given: v2 added b with a default; v3 drops the default, which v2's data has but v1's lacks
    List<PreviousSchema> previous =
        List.of(
            new PreviousSchema(1, schema(rec(A))),
            new PreviousSchema(2, schema(rec(A, "{'name':'b','type':'string','default':'x'}"))));
    Schema v3 = schema(rec(A, "{'name':'b','type':'string'}"));

    // when
    List<String> backward = CompatibilityChecker.check(CompatibilityLevel.BACKWARD, v3, previous);
    List<String> transitive =
        CompatibilityChecker.check(CompatibilityLevel.BACKWARD_TRANSITIVE, v3, previous);
    List<String> forwardTransitive =
        CompatibilityChecker.check(CompatibilityLevel.FORWARD_TRANSITIVE, v3, previous);

    // then
    assertThat(backward).isEmpty();
    assertThat(transitive)
        .contains("{oldSchemaVersion: 1}", "{compatibility: 'BACKWARD_TRANSITIVE'}")
        .anySatisfy(m -> assertThat(m).contains("The field 'b' at path '/fields/1' in the new"));
    assertThat(forwardTransitive).isEmpty();
  }

  @Test
  void forwardAndFullTransitiveChecksEveryVersion() {
    // given: v1 requires b, v2 gives it a default, v3 removes it: v1 cannot read v3's data
    List<PreviousSchema> previous =
        List.of(
            new PreviousSchema(1, schema(rec(A, "{'name':'b','type':'int'}"))),
            new PreviousSchema(2, schema(rec(A, "{'name':'b','type':'int','default':0}"))));
    Schema v3 = schema(rec(A));

    // when / then
    assertThat(CompatibilityChecker.check(CompatibilityLevel.FORWARD, v3, previous)).isEmpty();
    assertThat(CompatibilityChecker.check(CompatibilityLevel.FULL, v3, previous)).isEmpty();
    assertThat(CompatibilityChecker.check(CompatibilityLevel.FORWARD_TRANSITIVE, v3, previous))
        .contains("{oldSchemaVersion: 1}")
        .anySatisfy(m -> assertThat(m).contains("The field 'b' at path '/fields/1' in the old"));
    assertThat(CompatibilityChecker.check(CompatibilityLevel.FULL_TRANSITIVE, v3, previous))
        .contains("{oldSchemaVersion: 1}", "{compatibility: 'FULL_TRANSITIVE'}");
  }

  @Test
  void transitiveReportsTheNewestFailingVersion() {
    // given: the candidate changes a's type, so every previous version fails
    List<PreviousSchema> previous =
        List.of(
            new PreviousSchema(1, schema(rec(A))),
            new PreviousSchema(2, schema(rec(A, "{'name':'c','type':'int','default':1}"))));
    Schema candidate = schema(rec("{'name':'a','type':'string'}"));

    // when
    List<String> messages =
        CompatibilityChecker.check(CompatibilityLevel.BACKWARD_TRANSITIVE, candidate, previous);

    // then
    assertThat(messages).contains("{oldSchemaVersion: 2}").doesNotContain("{oldSchemaVersion: 1}");
  }

  @Test
  void aLargeOldSchemaIsTruncatedInMessages() {
    // given: an old schema of more than 10 KiB
    StringBuilder fields = new StringBuilder(A);
    for (int i = 0; i < 400; i++) {
      fields.append(",{'name':'field_number_").append(i).append("','type':'int'}");
    }
    Schema large = schema(rec(fields.toString()));
    Schema candidate = schema(rec(A, "{'name':'required','type':'int'}"));

    // when
    List<String> messages =
        CompatibilityChecker.check(
            CompatibilityLevel.BACKWARD, candidate, List.of(new PreviousSchema(1, large)));

    // then
    String oldSchema = messages.get(messages.size() - 2);
    assertThat(oldSchema)
        .startsWith("{oldSchema: <truncated> '{\"type\":\"record\"")
        .endsWith("...'}")
        .hasSize("{oldSchema: <truncated> '".length() + 10 * 1024 + "...'}".length());
  }

  @Test
  void noPreviousVersionOrNoneIsAlwaysCompatible() {
    Schema candidate = schema(field("'string'"));
    List<PreviousSchema> incompatible = List.of(new PreviousSchema(1, schema("'int'")));

    assertThat(CompatibilityChecker.check(CompatibilityLevel.FULL_TRANSITIVE, candidate, List.of()))
        .isEmpty();
    assertThat(CompatibilityChecker.check(CompatibilityLevel.NONE, candidate, incompatible))
        .isEmpty();
    assertThat(CompatibilityChecker.check(CompatibilityLevel.BACKWARD, candidate, incompatible))
        .isNotEmpty();
  }

  @Test
  void levelsParseCaseInsensitivelyAndKnowWhetherTheyAreTransitive() {
    assertThat(CompatibilityLevel.parse("backward_transitive"))
        .contains(CompatibilityLevel.BACKWARD_TRANSITIVE);
    assertThat(CompatibilityLevel.parse(" Full ")).contains(CompatibilityLevel.FULL);
    assertThat(CompatibilityLevel.parse("SIDEWAYS")).isEmpty();
    assertThat(CompatibilityLevel.parse(null)).isEmpty();
    assertThat(
            Arrays.stream(CompatibilityLevel.values())
                .filter(CompatibilityLevel::transitive)
                .map(CompatibilityLevel::name))
        .containsExactlyInAnyOrder("BACKWARD_TRANSITIVE", "FORWARD_TRANSITIVE", "FULL_TRANSITIVE");
  }

  // ---- schema builders: single quotes stand for JSON's double quotes ----

  private static final String A = "{'name':'a','type':'int'}";

  private static String rec(String... fields) {
    return "{'type':'record','name':'R','fields':[" + String.join(",", fields) + "]}";
  }

  private static String field(String type) {
    return rec("{'name':'f','type':" + type + "}");
  }

  private static String nested(String fields) {
    return "{'type':'record','name':'Inner','fields':[" + fields + "]}";
  }

  private static String decimal(int precision, int scale) {
    return "{'type':'bytes','logicalType':'decimal','precision':"
        + precision
        + ",'scale':"
        + scale
        + "}";
  }

  private static String fixedDecimal(int scale) {
    return "{'type':'fixed','name':'Money','size':8,'logicalType':'decimal','precision':10,'scale':"
        + scale
        + "}";
  }

  private static Evolution ok(String name, String before, String after) {
    return new Evolution(name, before, after, true, true, List.of(), List.of());
  }

  private static Evolution promotion(String name, String from, String to) {
    return new Evolution(
        name,
        field("'" + from + "'"),
        field("'" + to + "'"),
        true,
        false,
        List.of(),
        List.of(
            "TYPE_MISMATCH",
            "The type at path '/fields/0/type' (field 'f') in the old schema is '"
                + from
                + "' and cannot read '"
                + to
                + "' of the new schema"));
  }

  private static Evolution demotion(String name, String from, String to) {
    return new Evolution(
        name,
        field("'" + from + "'"),
        field("'" + to + "'"),
        false,
        true,
        List.of("TYPE_MISMATCH", "in the new schema is '" + to + "' and cannot read '" + from),
        List.of());
  }

  private static Schema schema(String singleQuoted) {
    return new Schema.Parser().parse(singleQuoted.replace('\'', '"'));
  }
}
