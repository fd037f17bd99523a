package io.tributary.runtime.internal.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.runtime.internal.errors.ErrorHandler;
import io.tributary.runtime.internal.errors.ErrorPolicy;
import io.tributary.runtime.internal.errors.RetryClock;
import io.tributary.runtime.internal.errors.ToleranceType;
import io.tributary.runtime.internal.status.ConnectorTaskId;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.InsertHeader;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.TopicNameMatches;
import org.junit.jupiter.api.Test;

class TransformationChainTest {
  private static final ConnectorTaskId ID = new ConnectorTaskId("c", 0);

  private static SourceRecord record(String topic, String value) {
    return new SourceRecord(
        Map.of(), Map.of(), topic, null, null, null, Schema.STRING_SCHEMA, value);
  }

  private static ErrorHandler errors(ToleranceType tolerance) {
    return new ErrorHandler(
        ID, new ErrorPolicy(0, 60_000, tolerance), RetryClock.SYSTEM, List.of());
  }

  /** Upper-cases string values; drops "drop"; fails on "fail". */
  static final class Upper implements Transformation<SourceRecord> {
    @Override
    public SourceRecord apply(SourceRecord record) {
      String value = (String) record.value();
      if (value.equals("drop")) {
        return null;
      }
      if (value.equals("fail")) {
        throw new IllegalArgumentException("cannot transform " + record.topic());
      }
      return record.newRecord(
          record.topic(),
          record.kafkaPartition(),
          record.keySchema(),
          record.key(),
          record.valueSchema(),
          value.toUpperCase(),
          record.timestamp());
    }

    @Override
    public ConfigDef config() {
      return new ConfigDef();
    }

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
  }

  private static TransformationStage<SourceRecord> insertHeader(boolean negate) {
    InsertHeader<SourceRecord> insert = new InsertHeader<>();
    insert.configure(Map.of("header", "seen", "value.literal", "yes"));
    TopicNameMatches<SourceRecord> isA = new TopicNameMatches<>();
    isA.configure(Map.of("pattern", "a.*"));
    return new TransformationStage<>(insert, isA, negate);
  }

  @Test
  void stagesApplyInOrderAndPredicatesGateThem() {
    TransformationChain<SourceRecord> chain =
        new TransformationChain<>(
            List.of(new TransformationStage<>(new Upper(), null, false), insertHeader(false)));

    SourceRecord matching = chain.apply(record("abc", "x"), errors(ToleranceType.NONE), null);
    SourceRecord other = chain.apply(record("xyz", "y"), errors(ToleranceType.NONE), null);

    assertThat(matching.value()).isEqualTo("X");
    assertThat(matching.headers().lastWithName("seen")).isNotNull();
    assertThat(other.value()).isEqualTo("Y");
    assertThat(other.headers().lastWithName("seen")).isNull();
  }

  @Test
  void negateAppliesTheStageWhenThePredicateDoesNotMatch() {
    TransformationChain<SourceRecord> chain =
        new TransformationChain<>(List.of(insertHeader(true)));

    assertThat(
            chain
                .apply(record("abc", "x"), errors(ToleranceType.NONE), null)
                .headers()
                .lastWithName("seen"))
        .isNull();
    assertThat(
            chain
                .apply(record("xyz", "x"), errors(ToleranceType.NONE), null)
                .headers()
                .lastWithName("seen"))
        .isNotNull();
  }

  @Test
  void nullDropsTheRecordAndStopsTheChain() {
    TransformationChain<SourceRecord> chain =
        new TransformationChain<>(
            List.of(new TransformationStage<>(new Upper(), null, false), insertHeader(false)));

    assertThat(chain.apply(record("abc", "drop"), errors(ToleranceType.NONE), null)).isNull();
  }

  @Test
  void emptyChainReturnsTheRecord() {
    SourceRecord record = record("a", "v");
    assertThat(
            new TransformationChain<SourceRecord>(List.of())
                .apply(record, errors(ToleranceType.NONE), null))
        .isSameAs(record);
  }

  @Test
  void failuresAreSkippedOrFailByTolerance() {
    TransformationChain<SourceRecord> chain =
        new TransformationChain<>(List.of(new TransformationStage<>(new Upper(), null, false)));

    ErrorHandler tolerant = errors(ToleranceType.ALL);
    assertThat(chain.apply(record("a", "fail"), tolerant, null)).isNull();
    assertThat(tolerant.skipped()).isTrue();
    assertThatThrownBy(() -> chain.apply(record("a", "fail"), errors(ToleranceType.NONE), null))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("TRANSFORMATION")
        .hasMessageContaining(Upper.class.getName());
  }
}
