package io.tributary.broker.internal.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.internal.handler.TopicConfigAlterer.Outcome;
import io.tributary.broker.internal.handler.TopicConfigAlterer.ResourceChange;
import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.TopicConfigs;
import io.tributary.broker.internal.log.TopicInfo;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What AlterConfigs and IncrementalAlterConfigs share: one outcome per resource, in order. */
class TopicConfigAltererTest {
  private static final byte TOPIC = ConfigResource.Type.TOPIC.id();
  private static final byte BROKER = ConfigResource.Type.BROKER.id();

  @TempDir Path dir;
  private LogManager logs;
  private TopicConfigAlterer alterer;

  @BeforeEach
  void setUp() throws Exception {
    logs =
        LogManager.open(
            dir,
            Clock.systemUTC(),
            overrides -> TopicConfigs.resolve(TopicConfigs.kafkaDefaults(), overrides));
    logs.createTopic("once", 1, Map.of());
    logs.createTopic("twice", 1, Map.of());
    alterer = new TopicConfigAlterer(logs);
  }

  @AfterEach
  void tearDown() {
    logs.close();
  }

  private static ResourceChange set(byte type, String name, String key, String value) {
    return new ResourceChange(type, name, current -> Map.of(key, value));
  }

  @Test
  void aResourceNamedTwiceFailsEachTimeWhileTheOthersAreAltered() {
    // When one request names "twice" twice, "once" once and a broker
    List<Outcome> outcomes =
        alterer.alterAll(
            List.of(
                set(TOPIC, "twice", "retention.ms", "1000"),
                set(TOPIC, "once", "retention.ms", "2000"),
                set(BROKER, "0", "log.retention.ms", "3000"),
                set(TOPIC, "twice", "retention.ms", "4000")),
            false);

    // Then there is one outcome per entry, in request order
    assertThat(outcomes)
        .extracting(Outcome::resourceName)
        .containsExactly("twice", "once", "0", "twice");
    assertThat(outcomes)
        .extracting(Outcome::error)
        .containsExactly(
            Errors.INVALID_REQUEST, Errors.NONE, Errors.INVALID_REQUEST, Errors.INVALID_REQUEST);
    assertThat(outcomes.get(0).message())
        .isEqualTo("Resource 'twice' appears more than once in the request");
    assertThat(outcomes.get(2).message()).contains("no dynamic broker configs");
    // And only "once" changed
    assertThat(logs.topic("once").map(TopicInfo::configs)).contains(Map.of("retention.ms", "2000"));
    assertThat(logs.topic("twice").map(TopicInfo::configs)).contains(Map.of());
  }

  @Test
  void validateOnlyChangesNothingAndAnInvalidValueIsInvalidConfig() {
    // When validating a valid change and applying an invalid one
    List<Outcome> outcomes =
        alterer.alterAll(List.of(set(TOPIC, "once", "retention.ms", "2000")), true);
    List<Outcome> invalid =
        alterer.alterAll(List.of(set(TOPIC, "once", "retention.ms", "soon")), false);

    // Then the first is accepted, the second refused, and the topic keeps its configs
    assertThat(outcomes).extracting(Outcome::error).containsExactly(Errors.NONE);
    assertThat(invalid).extracting(Outcome::error).containsExactly(Errors.INVALID_CONFIG);
    assertThat(logs.topic("once").map(TopicInfo::configs)).contains(Map.of());
  }
}
