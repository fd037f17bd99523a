package io.tributary.bench;

/** The steps of one round of the JDBC benchmark, in the order they run and are reported. */
enum JdbcStep {
  SOURCE_ONE_TASK("JDBC source, bulk, 1 task", true),
  SOURCE_SPLIT("JDBC source, bulk, split", true),
  CLIENTS_SOURCE(
      "SELECT -> Avro -> producer, 1 thread (kafka-clients, no worker: the ceiling)", false),
  COPY_TO("`COPY (SELECT ...) TO STDOUT` (CopyManager)", false),
  SINK_INSERT("JDBC sink, insert (pk.mode none: COPY)", true),
  SINK_UPSERT("JDBC sink, upsert (pk.mode record_value)", true),
  CLIENTS_SINK(
      "consumer -> Avro -> COPY FROM, 1 thread (kafka-clients, no worker: the sink's ceiling)",
      false),
  COPY_FROM("`COPY ... FROM STDIN` (CopyManager)", false),
  BATCHED_UPSERT("batched `INSERT ... ON CONFLICT` (JDBC batches)", false);

  private final String label;
  private final boolean connector;

  JdbcStep(String label, boolean connector) {
    this.label = label;
    this.connector = connector;
  }

  /** The label in the report's tables. */
  String label() {
    return label;
  }

  /** Whether the step runs a connector on the worker (else the harness measures the driver). */
  boolean connector() {
    return connector;
  }
}
