package io.tributary.registry.server.internal.rest;

import static io.tributary.registry.server.internal.rest.RegistryHttp.MAPPER;
import static io.tributary.registry.server.internal.rest.RegistryHttp.record;
import static io.tributary.registry.server.internal.rest.RegistryHttp.schemaBody;
import static io.tributary.registry.server.internal.rest.RegistryHttp.schemaNode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.registry.server.internal.compat.CompatibilityLevel;
import io.tributary.registry.server.internal.rest.RegistryHttp.Response;
import io.tributary.registry.server.internal.service.FixedLeaderElection;
import io.tributary.registry.server.internal.service.SchemaRegistryService;
import io.tributary.registry.server.internal.service.TestingRegistryLog;
import io.tributary.registry.server.internal.store.RegistryStoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract tests of the registry's REST API against Confluent Schema Registry's paths, JSON shapes,
 * media types, statuses and error codes, over HTTP, on a real server with an in-memory log.
 */
class RegistryRestServerTest {
  private static final String NAME = "{\"name\":\"name\",\"type\":\"string\"}";
  private static final String AGE_NO_DEFAULT = "{\"name\":\"age\",\"type\":\"int\"}";
  private static final String AGE_DEFAULT = "{\"name\":\"age\",\"type\":\"int\",\"default\":0}";
  private static final String USER_V1 = record("User", NAME);

  private TestingRegistryLog log;
  private RegistryRestServer server;
  private RegistryHttp http;

  @BeforeEach
  void start() {
    log = new TestingRegistryLog();
    SchemaRegistryService service =
        new SchemaRegistryService(log.instance(), CompatibilityLevel.BACKWARD);
    service.start();
    server = new RegistryRestServer(service, FixedLeaderElection.leader());
    http = new RegistryHttp(server.start("127.0.0.1", 0));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void registeredSchemaIsServedByEveryReadEndpointWithConfluentsShapes() throws Exception {
    // given
    Response registered = http.post("/subjects/users-value/versions", schemaBody(USER_V1));

    // then
    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.json()).isEqualTo(MAPPER.readTree("{\"id\":1}"));
    assertThat(registered.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    String canonical = MAPPER.readTree(USER_V1).toString();
    assertThat(http.get("/subjects").json()).isEqualTo(MAPPER.readTree("[\"users-value\"]"));
    assertThat(http.get("/subjects/users-value/versions").json()).isEqualTo(MAPPER.readTree("[1]"));
    JsonNode version = http.get("/subjects/users-value/versions/1").json();
    assertThat(fieldNames(version)).containsExactlyInAnyOrder("subject", "version", "id", "schema");
    assertThat(version.get("subject").asText()).isEqualTo("users-value");
    assertThat(version.get("version").asInt()).isEqualTo(1);
    assertThat(version.get("id").asInt()).isEqualTo(1);
    assertThat(MAPPER.readTree(version.get("schema").asText()))
        .isEqualTo(MAPPER.readTree(canonical));
    assertThat(http.get("/subjects/users-value/versions/latest").json()).isEqualTo(version);
    assertThat(http.get("/subjects/users-value/versions/-1").json()).isEqualTo(version);
    Response raw = http.get("/subjects/users-value/versions/1/schema");
    assertThat(raw.json()).isEqualTo(MAPPER.readTree(canonical));
    JsonNode byId = http.get("/schemas/ids/1").json();
    assertThat(fieldNames(byId)).containsExactly("schema");
    assertThat(http.get("/schemas/ids/1/schema").json()).isEqualTo(MAPPER.readTree(canonical));
    assertThat(http.get("/schemas/ids/1/subjects").json())
        .isEqualTo(MAPPER.readTree("[\"users-value\"]"));
    assertThat(http.get("/schemas/ids/1/versions").json())
        .isEqualTo(MAPPER.readTree("[{\"subject\":\"users-value\",\"version\":1}]"));
    assertThat(http.get("/schemas/types").json()).isEqualTo(MAPPER.readTree("[\"AVRO\"]"));
    assertThat(http.get("/").json()).isEqualTo(MAPPER.readTree("{}"));
  }

  @Test
  void registeringIsIdempotentAndSharesIdsAcrossSubjects() {
    // given
    int first = http.post("/subjects/a/versions", schemaBody(USER_V1)).json().get("id").asInt();

    // when: the same schema again (reformatted), under another subject, then a new schema
    String reformatted =
        "{ \"type\" : \"record\", \"name\" : \"User\", \"fields\" : [ " + NAME + " ] }";
    Response again = http.post("/subjects/a/versions", schemaBody(reformatted));
    Response elsewhere = http.post("/subjects/b/versions", schemaBody(USER_V1));
    Response other = http.post("/subjects/c/versions", schemaBody("\"string\""));

    // then
    assertThat(again.json().get("id").asInt()).isEqualTo(first);
    assertThat(http.get("/subjects/a/versions").json().size()).isEqualTo(1);
    assertThat(elsewhere.json().get("id").asInt()).isEqualTo(first);
    assertThat(http.get("/subjects/b/versions/1").json().get("id").asInt()).isEqualTo(first);
    assertThat(other.json().get("id").asInt()).isEqualTo(first + 1);
    assertThat(http.get("/schemas/ids/" + first + "/subjects").json())
        .isEqualTo(MAPPER.valueToTree(List.of("a", "b")));
  }

  @Test
  void normalizeMakesSchemasThatDifferOnlyInFormMatch() {
    // given: the same string type with its properties in two orders
    String ab = "{\"type\":\"string\",\"a\":\"1\",\"b\":\"2\"}";
    String ba = "{\"type\":\"string\",\"b\":\"2\",\"a\":\"1\"}";
    int id =
        http.post("/subjects/n/versions?normalize=true", schemaBody(ab)).json().get("id").asInt();

    // when
    Response again = http.post("/subjects/n/versions?normalize=true", schemaBody(ba));
    Response lookup = http.post("/subjects/n?normalize=true", schemaBody(ba));
    Response plainLookup = http.post("/subjects/n", schemaBody(ba));

    // then
    assertThat(again.json().get("id").asInt()).isEqualTo(id);
    assertThat(http.get("/subjects/n/versions").json()).isEqualTo(MAPPER.valueToTree(List.of(1)));
    assertThat(lookup.json().get("id").asInt()).isEqualTo(id);
    assertError(plainLookup, 404, 40403);

    // and: the subject's normalize setting turns it on without the query parameter
    http.put("/config/n", "{\"compatibility\":\"BACKWARD\",\"normalize\":true}");
    assertThat(http.get("/config/n").json().toString())
        .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\",\"normalize\":true}");
    assertThat(http.post("/subjects/n", schemaBody(ba)).json().get("id").asInt()).isEqualTo(id);
  }

  @Test
  void lookupFindsTheVersionOrSaysWhatIsMissing() {
    // given
    http.post("/subjects/s/versions", schemaBody(USER_V1));

    // when
    Response found = http.post("/subjects/s", schemaBody(USER_V1));
    Response unknownSubject = http.post("/subjects/nope", schemaBody(USER_V1));
    Response unknownSchema = http.post("/subjects/s", schemaBody("\"int\""));

    // then
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().get("subject").asText()).isEqualTo("s");
    assertThat(found.json().get("version").asInt()).isEqualTo(1);
    assertThat(found.json().get("id").asInt()).isEqualTo(1);
    assertError(unknownSubject, 404, 40401);
    assertThat(unknownSubject.message()).isEqualTo("Subject 'nope' not found.");
    assertError(unknownSchema, 404, 40403);
  }

  @Test
  void incompatibleSchemaIsRefusedWith409AndTheCheckEndpointsExplainWhy() {
    // given: BACKWARD (the default); adding a field without a default breaks it
    http.post("/subjects/s/versions", schemaBody(USER_V1));
    String breaking = record("User", NAME, AGE_NO_DEFAULT);
    String evolving = record("User", NAME, AGE_DEFAULT);
    int before = log.records().size();

    // when
    Response refused = http.post("/subjects/s/versions", schemaBody(breaking));
    Response verbose =
        http.post("/compatibility/subjects/s/versions/latest?verbose=true", schemaBody(breaking));
    Response terse = http.post("/compatibility/subjects/s/versions/1", schemaBody(breaking));
    Response all = http.post("/compatibility/subjects/s/versions", schemaBody(evolving));
    Response accepted = http.post("/subjects/s/versions", schemaBody(evolving));

    // then
    assertError(refused, 409, 40901);
    assertThat(refused.message()).contains("incompatible", "\"s\"", "age");
    assertThat(log.records()).hasSize(before + 1); // only the accepted one
    assertThat(verbose.json().get("is_compatible").asBoolean()).isFalse();
    assertThat(verbose.json().get("messages").toString()).contains("age");
    assertThat(fieldNames(terse.json())).containsExactly("is_compatible");
    assertThat(terse.json().get("is_compatible").asBoolean()).isFalse();
    assertThat(all.json().get("is_compatible").asBoolean()).isTrue();
    assertThat(accepted.json().get("id").asInt()).isEqualTo(2);
    assertThat(http.get("/subjects/s/versions").json())
        .isEqualTo(MAPPER.valueToTree(List.of(1, 2)));
    assertError(
        http.post("/compatibility/subjects/s/versions/7", schemaBody(evolving)), 404, 40402);
    assertError(
        http.post("/compatibility/subjects/s/versions/x", schemaBody(evolving)), 422, 42202);
  }

  @Test
  void compatibilityConfigGlobalAndPerSubject() {
    // when / then: the global level defaults to BACKWARD
    assertThat(http.get("/config").json().toString())
        .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    Response put = http.put("/config", "{\"compatibility\":\"full\"}");
    assertThat(put.json().toString()).isEqualTo("{\"compatibility\":\"FULL\"}");
    assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("FULL");

    assertError(http.get("/config/s"), 404, 40408);
    assertThat(http.get("/config/s?defaultToGlobal=true").json().get("compatibilityLevel").asText())
        .isEqualTo("FULL");
    http.put("/config/s", "{\"compatibility\":\"NONE\"}");
    assertThat(http.get("/config/s").json().get("compatibilityLevel").asText()).isEqualTo("NONE");

    // a subject with NONE accepts anything
    http.post("/subjects/s/versions", schemaBody(USER_V1));
    assertThat(http.post("/subjects/s/versions", schemaBody("\"int\"")).status()).isEqualTo(200);

    assertThat(http.delete("/config/s").json().get("compatibilityLevel").asText())
        .isEqualTo("NONE");
    assertError(http.delete("/config/s"), 404, 40401);
    assertThat(http.delete("/config").json().get("compatibilityLevel").asText()).isEqualTo("FULL");
    assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
  }

  @Test
  void invalidLevelOrModeIsRefusedAndChangesNothing() {
    // given
    int before = log.records().size();

    // when
    Response badLevel = http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}");
    Response noLevel = http.put("/config/s", "{}");
    Response badMode = http.put("/mode", "{\"mode\":\"READMOSTLY\"}");

    // then
    assertError(badLevel, 422, 42203);
    assertError(noLevel, 422, 42203);
    assertError(badMode, 422, 42204);
    assertThat(badMode.message()).contains("READWRITE", "READONLY", "IMPORT");
    assertThat(log.records()).hasSize(before);
    assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    assertThat(http.get("/mode").json().get("mode").asText()).isEqualTo("READWRITE");
  }

  @Test
  void readOnlyModeRefusesWritesButStillAnswersWithExistingIds() {
    // given
    http.post("/subjects/s/versions", schemaBody(USER_V1));
    assertThat(http.put("/mode/s", "{\"mode\":\"READONLY\"}").json().toString())
        .isEqualTo("{\"mode\":\"READONLY\"}");

    // when
    Response register = http.post("/subjects/s/versions", schemaBody("\"int\""));
    Response existing = http.post("/subjects/s/versions", schemaBody(USER_V1));
    Response deleteVersion = http.delete("/subjects/s/versions/1");
    Response deleteSubject = http.delete("/subjects/s");

    // then
    assertError(register, 422, 42205);
    assertThat(existing.json().get("id").asInt()).isEqualTo(1);
    assertError(deleteVersion, 422, 42205);
    assertError(deleteSubject, 422, 42205);
    assertThat(http.get("/mode/s").json().get("mode").asText()).isEqualTo("READONLY");
    assertError(http.get("/mode/other"), 404, 40409);
    assertThat(http.get("/mode/other?defaultToGlobal=true").json().get("mode").asText())
        .isEqualTo("READWRITE");
    assertThat(http.delete("/mode/s").json().get("mode").asText()).isEqualTo("READONLY");
    assertError(http.delete("/mode/s"), 404, 40401);
    assertThat(
            http.post("/subjects/s/versions", schemaBody(record("User", NAME, AGE_DEFAULT)))
                .status())
        .isEqualTo(200);
  }

  @Test
  void importModeRegistersWithTheGivenIdAndVersion() {
    // given
    assertThat(http.put("/mode", "{\"mode\":\"IMPORT\"}").status()).isEqualTo(200);
    ObjectNode imported = schemaNode(USER_V1).put("id", 100).put("version", 5);

    // when
    Response register = http.post("/subjects/s/versions", imported.toString());
    Response noId = http.post("/subjects/t/versions", schemaBody("\"int\""));
    Response idTaken =
        http.post("/subjects/t/versions", schemaNode("\"int\"").put("id", 100).toString());

    // then
    assertThat(register.json().get("id").asInt()).isEqualTo(100);
    assertThat(http.get("/subjects/s/versions").json()).isEqualTo(MAPPER.valueToTree(List.of(5)));
    assertThat(http.get("/schemas/ids/100").status()).isEqualTo(200);
    assertError(noId, 422, 42205);
    assertError(idTaken, 422, 42207);

    // and: back in READWRITE, ids continue after the largest
    http.put("/mode", "{\"mode\":\"READWRITE\"}");
    assertThat(http.post("/subjects/u/versions", schemaBody("\"long\"")).json().get("id").asInt())
        .isEqualTo(101);
    assertError(
        http.post("/subjects/v/versions", schemaNode("\"float\"").put("id", 7).toString()),
        422,
        42205);
    // entering IMPORT with live subjects needs force
    assertError(http.put("/mode", "{\"mode\":\"IMPORT\"}"), 422, 42205);
    assertThat(http.put("/mode?force=true", "{\"mode\":\"IMPORT\"}").status()).isEqualTo(200);
  }

  @Test
  void versionsAreSoftDeletedThenPermanentlyDeleted() {
    // given
    http.post("/subjects/s/versions", schemaBody(USER_V1));
    http.post("/subjects/s/versions", schemaBody(record("User", NAME, AGE_DEFAULT)));

    // when / then
    assertError(http.delete("/subjects/s/versions/1?permanent=true"), 404, 40407);
    assertThat(http.delete("/subjects/s/versions/1").json().asInt()).isEqualTo(1);
    assertError(http.get("/subjects/s/versions/1"), 404, 40402);
    assertThat(http.get("/subjects/s/versions/1?deleted=true").json().get("id").asInt())
        .isEqualTo(1);
    assertThat(http.get("/subjects/s/versions").json()).isEqualTo(MAPPER.valueToTree(List.of(2)));
    assertThat(http.get("/subjects/s/versions?deleted=true").json())
        .isEqualTo(MAPPER.valueToTree(List.of(1, 2)));
    assertError(http.delete("/subjects/s/versions/1"), 404, 40406);
    assertThat(http.get("/schemas/ids/1").status()).isEqualTo(200);
    assertThat(http.delete("/subjects/s/versions/1?permanent=true").json().asInt()).isEqualTo(1);
    assertError(http.get("/subjects/s/versions/1?deleted=true"), 404, 40402);
    assertError(http.get("/schemas/ids/1"), 404, 40403);
    assertError(http.delete("/subjects/s/versions/9"), 404, 40402);
    assertError(http.delete("/subjects/nope/versions/1"), 404, 40401);
    assertError(http.delete("/subjects/s/versions/0"), 422, 42202);
    assertError(http.get("/subjects/s/versions/abc"), 422, 42202);
  }

  @Test
  void subjectsAreSoftDeletedThenPermanentlyDeleted() {
    // given
    http.post("/subjects/s/versions", schemaBody(USER_V1));
    http.post("/subjects/s/versions", schemaBody(record("User", NAME, AGE_DEFAULT)));
    http.post("/subjects/t/versions", schemaBody("\"int\""));
    http.put("/config/s", "{\"compatibility\":\"NONE\"}");

    // when / then
    assertError(http.delete("/subjects/s?permanent=true"), 404, 40405);
    assertThat(http.delete("/subjects/s").json()).isEqualTo(MAPPER.valueToTree(List.of(1, 2)));
    assertError(http.delete("/subjects/s"), 404, 40404);
    assertError(http.get("/subjects/s/versions"), 404, 40401);
    assertError(http.get("/subjects/s/versions/latest"), 404, 40401);
    assertThat(http.get("/subjects").json()).isEqualTo(MAPPER.valueToTree(List.of("t")));
    assertThat(http.get("/subjects?deleted=true").json())
        .isEqualTo(MAPPER.valueToTree(List.of("s", "t")));
    assertThat(http.get("/subjects?subjectPrefix=s&deleted=true").json())
        .isEqualTo(MAPPER.valueToTree(List.of("s")));
    assertThat(http.delete("/subjects/s?permanent=true").json())
        .isEqualTo(MAPPER.valueToTree(List.of(1, 2)));
    assertError(http.delete("/subjects/s"), 404, 40401);
    assertThat(http.get("/subjects?deleted=true").json())
        .isEqualTo(MAPPER.valueToTree(List.of("t")));
    assertError(http.get("/config/s"), 404, 40408); // its settings went with it
    // registering again starts at version 1 with a schema's existing id kept elsewhere
    assertThat(http.post("/subjects/s/versions", schemaBody("\"int\"")).json().get("id").asInt())
        .isEqualTo(3);
  }

  @Test
  void referencesResolveAndProtectTheReferencedVersion() throws Exception {
    // given
    String address =
        "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"x\",\"fields\":[" + NAME + "]}";
    http.post("/subjects/address/versions", schemaBody(address));
    String person =
        "{\"type\":\"record\",\"name\":\"Person\",\"namespace\":\"x\",\"fields\":"
            + "[{\"name\":\"home\",\"type\":\"x.Address\"}]}";
    ObjectNode body = schemaNode(person);
    body.putArray("references")
        .addObject()
        .put("name", "x.Address")
        .put("subject", "address")
        .put("version", 1);

    // when
    Response registered = http.post("/subjects/person/versions", body.toString());

    // then
    assertThat(registered.status()).isEqualTo(200);
    int id = registered.json().get("id").asInt();
    JsonNode version = http.get("/subjects/person/versions/1").json();
    assertThat(version.get("references"))
        .isEqualTo(
            MAPPER.readTree("[{\"name\":\"x.Address\",\"subject\":\"address\",\"version\":1}]"));
    assertThat(http.get("/schemas/ids/" + id).json().get("references")).isNotNull();
    assertThat(http.get("/subjects/address/versions/1/referencedby").json())
        .isEqualTo(MAPPER.valueToTree(List.of(id)));
    assertThat(http.post("/subjects/person", body.toString()).json().get("id").asInt())
        .isEqualTo(id);
    assertError(http.delete("/subjects/address/versions/1"), 422, 42206);
    assertError(http.delete("/subjects/address"), 422, 42206);

    // and: a reference to nothing is an invalid schema
    ObjectNode dangling = schemaNode(person);
    dangling
        .putArray("references")
        .addObject()
        .put("name", "x.Address")
        .put("subject", "gone")
        .put("version", 1);
    assertError(http.post("/subjects/p2/versions", dangling.toString()), 422, 42201);
  }

  @Test
  void badInputGetsTheRightErrorAndChangesNothing() {
    // given
    http.post("/subjects/s/versions", schemaBody(USER_V1));
    int before = log.records().size();

    // when
    Response malformed = http.post("/subjects/s/versions", "{\"schema\": ");
    Response wrongShape =
        http.post("/subjects/s/versions", "{\"schema\":\"\\\"int\\\"\",\"version\":\"x\"}");
    Response invalidAvro = http.post("/subjects/s/versions", schemaBody("{\"type\":\"recrd\"}"));
    Response noSchema = http.post("/subjects/s/versions", "{}");
    Response protobuf =
        http.post(
            "/subjects/s/versions",
            schemaNode("syntax = \"proto3\";").put("schemaType", "PROTOBUF").toString());
    Response mediaType =
        http.send(
            "POST",
            "/subjects/s/versions",
            schemaBody("\"int\""),
            Map.of("Content-Type", "text/plain"));

    // then
    assertError(malformed, 400, 400);
    assertError(wrongShape, 422, 422);
    assertError(invalidAvro, 422, 42201);
    assertError(noSchema, 422, 42201);
    assertError(protobuf, 422, 42201);
    assertThat(protobuf.message()).contains("AVRO");
    assertError(mediaType, 415, 415);
    assertError(http.post("/subjects/bad%01name/versions", schemaBody("\"int\"")), 422, 42208);
    assertThat(log.records()).hasSize(before);
    assertThat(http.get("/subjects/s/versions").json()).isEqualTo(MAPPER.valueToTree(List.of(1)));
  }

  @Test
  void unknownResourcesAnswer404() {
    assertError(http.get("/nothing/here"), 404, 404);
    assertError(http.get("/schemas/ids/42"), 404, 40403);
    assertError(http.get("/schemas/ids/42/versions"), 404, 40403);
    assertError(http.get("/schemas/ids/abc"), 404, 404);
    assertError(http.get("/subjects/nope/versions"), 404, 40401);
    assertError(http.get("/subjects/nope/versions/1"), 404, 40401);
    assertError(http.delete("/subjects/nope"), 404, 40401);
    assertError(http.send("PATCH", "/subjects", null, Map.of()), 405, 405);
  }

  @Test
  void storeFailuresAnswer50001AndTimeouts50002() {
    // given
    http.post("/subjects/s/versions", schemaBody(USER_V1));

    // when
    log.failAppends(new RegistryStoreException("broker unreachable", false, null));
    Response failed = http.post("/subjects/t/versions", schemaBody("\"int\""));
    log.failAppends(new RegistryStoreException("no acknowledgement in 500 ms", true, null));
    Response timedOut = http.put("/config", "{\"compatibility\":\"NONE\"}");
    log.failAppends(null);

    // then
    assertError(failed, 500, 50001);
    assertThat(failed.message()).contains("broker unreachable");
    assertError(timedOut, 500, 50002);
    assertThat(http.get("/subjects").json()).isEqualTo(MAPPER.valueToTree(List.of("s")));
    assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
  }

  @Test
  void subjectNamesArePercentDecoded() {
    // given: names as Confluent's clients escape them in a path segment
    Response slash = http.post("/subjects/a%2Fb/versions", schemaBody("\"int\""));
    Response space = http.post("/subjects/with%20space:x/versions", schemaBody("\"int\""));

    // then
    assertThat(slash.status()).as(slash.text()).isEqualTo(200);
    assertThat(space.status()).as(space.text()).isEqualTo(200);
    assertThat(http.get("/subjects").json())
        .isEqualTo(MAPPER.valueToTree(List.of("a/b", "with space:x")));
    assertThat(http.get("/subjects/a%2Fb/versions/1").json().get("subject").asText())
        .isEqualTo("a/b");
  }

  @Test
  void allThreeMediaTypesAreAcceptedAndProduced() {
    for (String type :
        List.of(
            "application/vnd.schemaregistry.v1+json",
            "application/vnd.schemaregistry+json",
            "application/json")) {
      Response response =
          http.send(
              "POST",
              "/subjects/s/versions",
              schemaBody("\"int\""),
              Map.of("Content-Type", type, "Accept", type));
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.contentType()).isEqualTo(type);
    }
    assertThat(http.send("GET", "/subjects", null, Map.of("Accept", "*/*")).contentType())
        .isEqualTo("application/vnd.schemaregistry.v1+json");
  }

  private static void assertError(Response response, int status, int errorCode) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(fieldNames(response.json())).containsExactlyInAnyOrder("error_code", "message");
    assertThat(response.errorCode()).as(response.text()).isEqualTo(errorCode);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
