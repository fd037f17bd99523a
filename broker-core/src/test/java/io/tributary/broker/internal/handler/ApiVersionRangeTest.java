package io.tributary.broker.internal.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

/** A handler's version range: what it contains and which ranges are refused. */
class ApiVersionRangeTest {
  @Test
  void containsItsBoundsAndNothingOutside() {
    // Given the range 2 to 7
    ApiVersionRange range = ApiVersionRange.of(ApiKeys.CREATE_TOPICS, 2, 7);

    // Then it holds exactly 2..7
    assertThat(range.apiKey()).isEqualTo(ApiKeys.CREATE_TOPICS);
    assertThat(range.lowest()).isEqualTo((short) 2);
    assertThat(range.highest()).isEqualTo((short) 7);
    assertThat(range.contains((short) 1)).isFalse();
    assertThat(range.contains((short) 2)).isTrue();
    assertThat(range.contains((short) 7)).isTrue();
    assertThat(range.contains((short) 8)).isFalse();
  }

  @Test
  void anInvertedNegativeOrOversizedRangeIsRefused() {
    assertThatThrownBy(() -> ApiVersionRange.of(ApiKeys.FETCH, 5, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5 to 4 for FETCH");
    assertThatThrownBy(() -> ApiVersionRange.of(ApiKeys.FETCH, -1, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiVersionRange.of(ApiKeys.FETCH, 0, 40_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("40000");
    assertThatThrownBy(() -> new ApiVersionRange(null, (short) 0, (short) 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("apiKey is null");
  }
}
