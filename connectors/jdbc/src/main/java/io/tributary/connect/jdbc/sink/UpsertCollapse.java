package io.tributary.connect.jdbc.sink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Collapses one run of upserts (records of one table and shape, no delete among them) to the last
 * record per primary key, in the order of those last records. Writing the collapsed run leaves the
 * table as writing every record in order would: all records of a run set the same columns, so a
 * later upsert of a key overwrites everything an earlier one set. Deletes are never in such a run
 * (they form runs of their own, written in record order), so a delete after an upsert of a key
 * still deletes it and an upsert after a delete still inserts it.
 *
 * <p>PostgreSQL needs this for multi-row statements ({@code reWriteBatchedInserts=true}): one
 * {@code INSERT ... ON CONFLICT DO UPDATE} may not change the same row twice. Stateless.
 */
final class UpsertCollapse {
  private UpsertCollapse() {}

  /** The last record per key of {@code run}, or {@code run} itself when no key repeats. */
  static List<SinkRecord> lastPerKey(List<SinkRecord> run, List<SinkColumn> keyColumns) {
    if (run.size() < 2 || keyColumns.isEmpty()) {
      return run;
    }
    Map<List<Object>, SinkRecord> last = new LinkedHashMap<>();
    for (SinkRecord record : run) {
      List<Object> key = keyOf(record, keyColumns);
      // remove first, so the key takes the position of its last record
      last.remove(key);
      last.put(key, record);
    }
    return last.size() == run.size() ? run : new ArrayList<>(last.values());
  }

  private static List<Object> keyOf(SinkRecord record, List<SinkColumn> keyColumns) {
    List<Object> key = new ArrayList<>(keyColumns.size());
    for (SinkColumn column : keyColumns) {
      Object value = column.valueIn(record);
      // byte[] has identity equality; a ByteBuffer compares contents
      key.add(value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value);
    }
    return key;
  }
}
