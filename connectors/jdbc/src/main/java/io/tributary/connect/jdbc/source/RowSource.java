package io.tributary.connect.jdbc.source;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.jdbc.db.TableId;
import java.util.Map;
import java.util.Optional;

/**
 * Where rows come from: a table, or the custom {@code query}. Gives the topic and the source
 * partition (Confluent's shape: {@code {"protocol":"1","table":"schema.table"}} or {@code
 * {"query":"query"}}). Immutable.
 */
public record RowSource(Optional<TableId> table, Optional<String> query) {
  public RowSource {
    requireNonNull(table, "table is null");
    requireNonNull(query, "query is null");
    if (table.isPresent() == query.isPresent()) {
      throw new IllegalArgumentException("a row source is a table or a query");
    }
  }

  public static RowSource ofTable(TableId table) {
    return new RowSource(Optional.of(table), Optional.empty());
  }

  public static RowSource ofQuery(String query) {
    return new RowSource(Optional.empty(), Optional.of(query));
  }

  /** {@code prefix + table name} for a table, {@code prefix} for a query. */
  public String topic(String prefix) {
    return table.map(t -> prefix + t.table()).orElse(prefix);
  }

  /** The source partition of the incremental stream (or unsplit bulk load) of this source. */
  public Map<String, String> partition() {
    return table
        .map(t -> Map.of("protocol", "1", "table", t.toString()))
        .orElseGet(() -> Map.of("query", "query"));
  }

  /** The source partition of range {@code index} of this source's split load. */
  public Map<String, String> rangePartition(int index) {
    return table
        .map(t -> Map.of("protocol", "1", "table", t.toString(), "range", Integer.toString(index)))
        .orElseGet(() -> Map.of("query", "query", "range", Integer.toString(index)));
  }

  /** For messages. */
  public String describe() {
    return table.map(t -> "table " + t).orElse("the query");
  }
}
