package io.tributary.connect.jdbc.db;

/** The SQL dialects the connectors speak; each source- and sink-side SQL builder switches on it. */
public enum DialectKind {
  POSTGRES,
  ORACLE,
  GENERIC
}
