package io.tributary.runtime.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.tributary.runtime.internal.rest.TestingRestClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code /admin/loggers} over logback: reading and changing levels at runtime. */
class LoggersRestTest extends BaseRestServerTest {
  private static final String NAMESPACE = "io.tributary.test.rest";

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

  @AfterEach
  void resetTestLoggers() {
    for (Logger logger : context.getLoggerList()) {
      if (logger.getName().startsWith(NAMESPACE)) {
        logger.setLevel(null);
      }
    }
  }

  @Test
  void listsRootAndLoggersWithAnExplicitLevel() {
    context.getLogger(NAMESPACE + ".listed").setLevel(Level.WARN);
    context.getLogger(NAMESPACE + ".inheriting");

    Answer answer = rest.get("/admin/loggers");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("root").get("level").asText())
        .isEqualTo(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel().toString());
    assertThat(answer.json().get("root").has("last_modified")).isTrue();
    assertThat(answer.json().get(NAMESPACE + ".listed"))
        .isEqualTo(TestingRestClient.json("{\"level\": \"WARN\", \"last_modified\": null}"));
    assertThat(answer.json().has(NAMESPACE + ".inheriting")).isFalse();
  }

  @Test
  void setsALevelOnANamespaceAndItsChildren() {
    context.getLogger(NAMESPACE + ".a.child");
    context.getLogger(NAMESPACE + ".b");
    long before = System.currentTimeMillis();

    Answer set = rest.send("PUT", "/admin/loggers/" + NAMESPACE + ".a", "{\"level\": \"debug\"}");
    Answer child = rest.get("/admin/loggers/" + NAMESPACE + ".a.child");

    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json())
        .isEqualTo(
            TestingRestClient.json("[\"" + NAMESPACE + ".a\", \"" + NAMESPACE + ".a.child\"]"));
    assertThat(context.getLogger(NAMESPACE + ".a").getLevel()).isEqualTo(Level.DEBUG);
    assertThat(context.getLogger(NAMESPACE + ".a.child").getEffectiveLevel())
        .isEqualTo(Level.DEBUG);
    assertThat(context.getLogger(NAMESPACE + ".b").getEffectiveLevel()).isNotEqualTo(Level.DEBUG);
    assertThat(child.json().get("level").asText()).isEqualTo("DEBUG");
    Answer parent = rest.get("/admin/loggers/" + NAMESPACE + ".a");
    assertThat(parent.json().get("level").asText()).isEqualTo("DEBUG");
    assertThat(parent.json().get("last_modified").asLong()).isGreaterThanOrEqualTo(before);
  }

  @Test
  void getOfAnInheritingLoggerShowsItsEffectiveLevel() {
    context.getLogger(NAMESPACE).setLevel(Level.ERROR);
    context.getLogger(NAMESPACE + ".inherits");

    Answer answer = rest.get("/admin/loggers/" + NAMESPACE + ".inherits");

    assertThat(answer.json())
        .isEqualTo(TestingRestClient.json("{\"level\": \"ERROR\", \"last_modified\": null}"));
  }

  @Test
  void unknownLoggerIs404() {
    assertError(rest.get("/admin/loggers/" + NAMESPACE + ".never.created"), 404, "not found");
  }

  @Test
  void anInvalidLevelIsRefusedNamingIt() {
    Answer answer = rest.send("PUT", "/admin/loggers/" + NAMESPACE, "{\"level\": \"LOUD\"}");

    // Kafka Connect answers an unknown level with 404.
    assertError(answer, 404, "invalid log level 'LOUD'");
    assertThat(context.getLogger(NAMESPACE).getLevel()).isNull();
  }

  @Test
  void aMissingLevelIs400() {
    assertError(rest.send("PUT", "/admin/loggers/" + NAMESPACE, "{}"), 400, "'level'");
    assertError(rest.send("PUT", "/admin/loggers/" + NAMESPACE, "{\"level\": "), 400, "Malformed");
  }

  @Test
  void clusterScopeAppliesLocallyWith204() {
    Answer answer =
        rest.send(
            "PUT", "/admin/loggers/" + NAMESPACE + "?scope=cluster", "{\"level\": \"TRACE\"}");

    assertThat(answer.status()).isEqualTo(204);
    assertThat(context.getLogger(NAMESPACE).getLevel()).isEqualTo(Level.TRACE);
  }

  @Test
  void anUnknownScopeFallsBackToTheWorker() {
    Answer answer =
        rest.send("PUT", "/admin/loggers/" + NAMESPACE + "?scope=galaxy", "{\"level\": \"WARN\"}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get(0).asText()).isEqualTo(NAMESPACE);
  }
}
