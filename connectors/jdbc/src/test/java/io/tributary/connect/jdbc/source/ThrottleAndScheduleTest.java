package io.tributary.connect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The throttle's pacing on a fake clock, and when loads are due. */
class ThrottleAndScheduleTest {
  /** A clock that moves only when the throttle sleeps. */
  static final class FakeClock implements Throttle.Clock {
    long now = 1_000_000_000L;
    long slept;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      now += nanos;
      slept += nanos;
    }
  }

  @Test
  void recordsPerSecondIsSharedByTheTasks() throws Exception {
    // given 1,000 records/s for the connector, shared by 4 tasks: 250/s each
    FakeClock clock = new FakeClock();
    Throttle throttle = new Throttle(1000.0 / 4, 0, clock);

    // when one task takes 500 records
    for (int i = 0; i < 500; i++) {
      throttle.acquire(10, () -> false);
    }

    // then it took about two seconds (less the burst allowance)
    assertThat(clock.slept).isBetween(1_800_000_000L, 2_000_000_000L);
  }

  @Test
  void bytesPerSecondLimitsLargeRows() throws Exception {
    FakeClock clock = new FakeClock();
    Throttle throttle = new Throttle(0, 1_000_000, clock);

    for (int i = 0; i < 10; i++) {
      throttle.acquire(100_000, () -> false);
    }

    assertThat(clock.slept).isBetween(800_000_000L, 1_000_000_000L);
  }

  @Test
  void noLimitNeverSleeps() throws Exception {
    FakeClock clock = new FakeClock();
    Throttle throttle = Throttle.shared(0, 0, 4);

    throttle.acquire(1_000_000, () -> false);

    assertThat(throttle.limited()).isFalse();
    assertThat(clock.slept).isZero();
  }

  private static final WorkUnit BULK =
      new WorkUnit(
          WorkUnit.Kind.LOAD, RowSource.ofQuery("SELECT 1"), Optional.empty(), Optional.empty());

  @Test
  void bulkLoadsRepeatEveryIntervalOrOnTheCronScheduleOrNeverWhenOnce() {
    long t = Instant.parse("2024-05-01T10:17:30Z").toEpochMilli();

    assertThat(new LoadSchedule(5000, Optional.empty(), ZoneOffset.UTC, false).next(BULK, t))
        .isEqualTo(t + 5000);
    LoadSchedule nightly = new LoadSchedule(5000, Optional.of("0 2 * * *"), ZoneOffset.UTC, false);
    assertThat(Instant.ofEpochMilli(nightly.next(BULK, t)))
        .isEqualTo(Instant.parse("2024-05-02T02:00:00Z"));
    assertThat(Instant.ofEpochMilli(nightly.first(BULK, t)))
        .isEqualTo(Instant.parse("2024-05-02T02:00:00Z"));
    assertThat(new LoadSchedule(5000, Optional.empty(), ZoneOffset.UTC, true).next(BULK, t))
        .isEqualTo(LoadSchedule.NEVER);
  }

  @Test
  void anIncrementalInitialLoadRunsOnceAndItsStreamEveryInterval() {
    WorkUnit initial =
        new WorkUnit(
            WorkUnit.Kind.LOAD,
            RowSource.ofQuery("SELECT 1"),
            Optional.empty(),
            Optional.of(new WorkUnit.Watermark(Optional.of(10L), Optional.empty())));
    WorkUnit stream =
        new WorkUnit(
            WorkUnit.Kind.STREAM,
            RowSource.ofQuery("SELECT 1"),
            Optional.empty(),
            Optional.empty());
    LoadSchedule schedule = new LoadSchedule(100, Optional.empty(), ZoneOffset.UTC, false);

    assertThat(schedule.next(initial, 0)).isEqualTo(LoadSchedule.NEVER);
    assertThat(schedule.next(stream, 0)).isEqualTo(100);
  }
}
