package io.tributary.registry.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectNameStrategiesTest {
  private static final Schema ORDER =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.acme\",\"fields\":[]}");

  @ParameterizedTest
  @CsvSource({
    "TopicNameStrategy, false, orders-value",
    "TopicNameStrategy, true, orders-key",
    "io.tributary.registry.subject.TopicNameStrategy, true, orders-key",
    "io.confluent.kafka.serializers.subject.TopicNameStrategy, false, orders-value",
    "RecordNameStrategy, false, com.acme.Order",
    "io.confluent.kafka.serializers.subject.RecordNameStrategy, true, com.acme.Order",
    "io.tributary.registry.subject.RecordNameStrategy, false, com.acme.Order",
    "TopicRecordNameStrategy, false, orders-com.acme.Order",
    "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy, true, orders-com.acme.Order",
  })
  void everySpellingOfAStrategyNamesTheSubjectTheSameWay(
      String name, boolean isKey, String subject) {
    SubjectNameStrategy strategy =
        SubjectNameStrategies.resolve("value.subject.name.strategy", name);

    assertThat(strategy.subjectName("orders", isKey, ORDER)).isEqualTo(subject);
  }

  /** A user strategy, loaded by class name. */
  public static final class Upper implements SubjectNameStrategy {
    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
      return topic.toUpperCase(java.util.Locale.ROOT);
    }
  }

  @Test
  void aUserStrategyClassIsInstantiated() {
    SubjectNameStrategy strategy =
        SubjectNameStrategies.resolve("key.subject.name.strategy", Upper.class.getName());

    assertThat(strategy.subjectName("orders", true, ORDER)).isEqualTo("ORDERS");
  }

  @Test
  void unknownOrUnsuitableNamesAreConfigErrorsNamingTheKey() {
    assertThatThrownBy(() -> SubjectNameStrategies.resolve("key.subject.name.strategy", "Nope"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key.subject.name.strategy")
        .hasMessageContaining("TopicNameStrategy");
    assertThatThrownBy(
            () -> SubjectNameStrategies.resolve("key.subject.name.strategy", "java.lang.String"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not implement");
    assertThatThrownBy(
            () ->
                SubjectNameStrategies.resolve(
                    "key.subject.name.strategy",
                    "io.confluent.kafka.serializers.subject.SomethingElse"))
        .isInstanceOf(ConfigException.class);
  }
}
