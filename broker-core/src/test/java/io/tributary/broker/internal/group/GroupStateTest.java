package io.tributary.broker.internal.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GroupStateTest {

  private static Set<GroupState> legalSuccessors(GroupState state) {
    return switch (state) {
      case EMPTY -> EnumSet.of(GroupState.PREPARING_REBALANCE, GroupState.DEAD);
      case PREPARING_REBALANCE ->
          EnumSet.of(GroupState.COMPLETING_REBALANCE, GroupState.EMPTY, GroupState.DEAD);
      case COMPLETING_REBALANCE ->
          EnumSet.of(GroupState.PREPARING_REBALANCE, GroupState.STABLE, GroupState.DEAD);
      case STABLE -> EnumSet.of(GroupState.PREPARING_REBALANCE, GroupState.DEAD);
      case DEAD -> EnumSet.noneOf(GroupState.class);
    };
  }

  @ParameterizedTest
  @EnumSource(GroupState.class)
  void onlyTheProtocolsTransitionsAreLegal(GroupState from) {
    for (GroupState to : GroupState.values()) {
      assertThat(from.canTransitionTo(to))
          .as("%s -> %s", from, to)
          .isEqualTo(legalSuccessors(from).contains(to));
    }
  }

  @Test
  void anIllegalTransitionIsAnError() {
    // Given a new (empty) group
    Group group = new Group("g");
    // When it is asked to become Stable without a rebalance, then that fails
    assertThatThrownBy(() -> group.transitionTo(GroupState.STABLE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Empty")
        .hasMessageContaining("Stable");
    assertThat(group.state()).isEqualTo(GroupState.EMPTY);
  }

  @Test
  void aDeadGroupCannotComeBack() {
    Group group = new Group("g");
    group.transitionTo(GroupState.DEAD);
    for (GroupState next : GroupState.values()) {
      assertThatThrownBy(() -> group.transitionTo(next)).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void wireNamesAreKafkas() {
    assertThat(GroupState.PREPARING_REBALANCE.wireName()).isEqualTo("PreparingRebalance");
    assertThat(GroupState.COMPLETING_REBALANCE.wireName()).isEqualTo("CompletingRebalance");
  }
}
