package io.tributary.runtime.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.runtime.internal.status.ConnectorTaskId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

class ErrorHandlerTest {
  private static final ConnectorTaskId ID = new ConnectorTaskId("conn", 0);
  private static final ConsumerRecord<byte[], byte[]> RECORD =
      new ConsumerRecord<>("topic", 1, 42L, "k".getBytes(), "v".getBytes());

  /** A clock that advances only when slept on. */
  private static final class FakeClock implements RetryClock {
    long now = 1_000;
    final List<Long> sleeps = new ArrayList<>();

    @Override
    public long millis() {
      return now;
    }

    @Override
    public void sleep(long ms, CountDownLatch stop) {
      sleeps.add(ms);
      now += ms;
    }
  }

  private static final class CollectingReporter implements ErrorReporter {
    final List<ErrorReport> reports = new ArrayList<>();

    @Override
    public Future<?> report(ErrorReport report) {
      reports.add(report);
      return CompletableFuture.completedFuture(null);
    }
  }

  private final FakeClock clock = new FakeClock();
  private final CollectingReporter reporter = new CollectingReporter();

  private ErrorHandler handler(long retryTimeout, long maxDelay, ToleranceType tolerance) {
    return new ErrorHandler(
        ID, new ErrorPolicy(retryTimeout, maxDelay, tolerance), clock, List.of(reporter));
  }

  @Test
  void successIsReturnedAndNothingReported() {
    ErrorHandler errors = handler(0, 60_000, ToleranceType.NONE);

    String result = errors.execute(Stage.VALUE_CONVERTER, String.class, RECORD, () -> "ok");

    assertThat(result).isEqualTo("ok");
    assertThat(errors.skipped()).isFalse();
    assertThat(reporter.reports).isEmpty();
  }

  @Test
  void retriableFailuresAreRetriedWithExponentialBackoffUntilSuccess() {
    // Given an operation that fails three times with a RetriableException
    ErrorHandler errors = handler(10_000, 60_000, ToleranceType.NONE);
    AtomicInteger attempts = new AtomicInteger();

    // When executed
    String result =
        errors.execute(
            Stage.TRANSFORMATION,
            String.class,
            RECORD,
            () -> {
              if (attempts.incrementAndGet() <= 3) {
                throw new RetriableException("not yet");
              }
              return "done";
            });

    // Then it is retried after 300, 600 and 1200 ms
    assertThat(result).isEqualTo("done");
    assertThat(attempts.get()).isEqualTo(4);
    assertThat(clock.sleeps).containsExactly(300L, 600L, 1200L);
    assertThat(reporter.reports).isEmpty();
  }

  @Test
  void delaysBeyondTheMaximumAreJitteredBelowItAndCutAtTheDeadline() {
    ErrorHandler errors = handler(5_000, 1_000, ToleranceType.ALL);

    Object result =
        errors.execute(
            Stage.KEY_CONVERTER,
            String.class,
            RECORD,
            () -> {
              throw new RetriableException("never");
            });

    assertThat(result).isNull();
    assertThat(errors.skipped()).isTrue();
    assertThat(clock.sleeps.get(0)).isEqualTo(300L);
    assertThat(clock.sleeps.get(1)).isEqualTo(600L);
    assertThat(clock.sleeps.subList(2, clock.sleeps.size())).allMatch(d -> d < 1_000L);
    assertThat(clock.now - 1_000).isEqualTo(5_000L);
    assertThat(reporter.reports)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.stage()).isEqualTo(Stage.KEY_CONVERTER);
              assertThat(r.consumed()).isSameAs(RECORD);
              assertThat(r.error()).isInstanceOf(RetriableException.class);
            });
  }

  @Test
  void noRetriesByDefault() {
    ErrorHandler errors = handler(0, 60_000, ToleranceType.ALL);

    errors.execute(
        Stage.VALUE_CONVERTER,
        String.class,
        RECORD,
        () -> {
          throw new RetriableException("once");
        });

    assertThat(clock.sleeps).isEmpty();
    assertThat(errors.skipped()).isTrue();
  }

  @Test
  void toleranceAllSkipsTheRecordAndReportsIt() {
    ErrorHandler errors = handler(0, 60_000, ToleranceType.ALL);

    Object result =
        errors.execute(
            Stage.VALUE_CONVERTER,
            String.class,
            RECORD,
            () -> {
              throw new DataException("bad");
            });

    assertThat(result).isNull();
    assertThat(errors.skipped()).isTrue();
    assertThat(errors.totalFailures()).isEqualTo(1);
    assertThat(reporter.reports).hasSize(1);
    // the next success clears the flag
    errors.execute(Stage.VALUE_CONVERTER, String.class, RECORD, () -> "ok");
    assertThat(errors.skipped()).isFalse();
  }

  @Test
  void toleranceNoneFailsWithContextAfterReporting() {
    ErrorHandler errors = handler(0, 60_000, ToleranceType.NONE);

    assertThatThrownBy(
            () ->
                errors.execute(
                    Stage.HEADER_CONVERTER,
                    String.class,
                    RECORD,
                    () -> {
                      throw new DataException("bad header");
                    }))
        .isInstanceOf(ConnectException.class)
        .hasMessageStartingWith("Tolerance exceeded in error handler")
        .hasMessageContaining("conn-0")
        .hasMessageContaining("HEADER_CONVERTER")
        .hasMessageContaining("java.lang.String")
        .hasCauseInstanceOf(DataException.class);
    assertThat(reporter.reports).hasSize(1);
  }

  @Test
  void failuresOfStagesThatAreNotTolerableFailEvenWithToleranceAll() {
    ErrorHandler errors = handler(0, 60_000, ToleranceType.ALL);

    assertThatThrownBy(
            () ->
                errors.execute(
                    Stage.TASK_PUT,
                    String.class,
                    RECORD,
                    () -> {
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void executeFailedReportsAndChecksTolerance() throws Exception {
    handler(0, 60_000, ToleranceType.ALL)
        .executeFailed(Stage.KAFKA_PRODUCE, String.class, RECORD, new RuntimeException("x"))
        .get();
    assertThat(reporter.reports).hasSize(1);

    assertThatThrownBy(
            () ->
                handler(0, 60_000, ToleranceType.NONE)
                    .executeFailed(Stage.TASK_PUT, String.class, RECORD, new RuntimeException("x")))
        .hasMessageStartingWith("Tolerance exceeded in error handler");
  }

  @Test
  void logMessageHasCoordinatesButNoPayloadUnlessAsked() {
    ErrorReport report =
        new ErrorReport(Stage.VALUE_CONVERTER, String.class, new DataException("x"), RECORD, null);

    String plain = new LogErrorReporter(ID, false).message(report);
    String detailed = new LogErrorReporter(ID, true).message(report);

    assertThat(plain)
        .startsWith(
            "Error encountered in task conn-0. Executing stage 'VALUE_CONVERTER' with class"
                + " 'java.lang.String', where consumed record is {topic='topic', partition=1,"
                + " offset=42")
        .doesNotContain("key=")
        .doesNotContain("value=");
    assertThat(detailed).contains("key=k").contains("value=v");
  }
}
