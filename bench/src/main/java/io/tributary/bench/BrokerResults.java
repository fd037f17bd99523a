package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Every figure measured against one broker, and notes on steps that measured with caveats. */
record BrokerResults(
    String broker,
    Outcome<PerfOutput.Producer> produceAcks1,
    Outcome<PerfOutput.Producer> produceAcksAll,
    Outcome<PerfOutput.Consumer> consume,
    Outcome<PerfOutput.EndToEnd> endToEndAcks1,
    Outcome<PerfOutput.EndToEnd> endToEndAcksAll,
    List<String> notes) {
  BrokerResults {
    requireNonNull(broker, "broker is null");
    requireNonNull(produceAcks1, "produceAcks1 is null");
    requireNonNull(produceAcksAll, "produceAcksAll is null");
    requireNonNull(consume, "consume is null");
    requireNonNull(endToEndAcks1, "endToEndAcks1 is null");
    requireNonNull(endToEndAcksAll, "endToEndAcksAll is null");
    notes = List.copyOf(requireNonNull(notes, "notes is null"));
  }
}
