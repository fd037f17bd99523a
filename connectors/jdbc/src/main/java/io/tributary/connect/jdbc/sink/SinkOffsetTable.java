package io.tributary.connect.jdbc.sink;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.jdbc.db.Dialect;
import io.tributary.connect.jdbc.db.DialectKind;
import io.tributary.connect.jdbc.db.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The table in the target database that holds, per connector and topic-partition, the offset of the
 * next record to write ({@code offsets.table.name}, default {@code __tributary_sink_offsets}):
 * columns {@code connector, topic, partition, next_offset}, primary key the first three, all names
 * quoted.
 *
 * <p>{@link #store} runs in the caller's transaction, the one holding the rows, so after a crash
 * the table and the rows agree. It also fences: a partition's row is advanced only from the value
 * this task last read or wrote, so a second writer of the same partition (a task that lost its
 * partitions but still writes) makes one of the two transactions fail instead of writing twice. Not
 * thread-safe.
 */
final class SinkOffsetTable {
  private final TableId table;
  private final Identifiers ids;
  private final String connector;

  SinkOffsetTable(Dialect dialect, String tableName, String connector) {
    this.table = TableCatalog.parse(tableName);
    this.ids = new Identifiers(dialect, true);
    this.connector = requireNonNull(connector, "connector is null");
  }

  String createSql() {
    boolean oracle = ids.dialect().kind() == DialectKind.ORACLE;
    return "CREATE TABLE "
        + ids.table(table)
        + " ("
        + ids.column("connector")
        + (oracle ? " VARCHAR2(255)" : " VARCHAR(255)")
        + " NOT NULL, "
        + ids.column("topic")
        + (oracle ? " VARCHAR2(255)" : " VARCHAR(255)")
        + " NOT NULL, "
        + ids.column("partition")
        + (oracle ? " NUMBER(10,0)" : " INTEGER")
        + " NOT NULL, "
        + ids.column("next_offset")
        + (oracle ? " NUMBER(19,0)" : " BIGINT")
        + " NOT NULL, PRIMARY KEY ("
        + ids.columns(java.util.List.of("connector", "topic", "partition"))
        + "))";
  }

  /** Creates the table if missing (committing); tolerates another task creating it meanwhile. */
  void ensureExists(Connection connection, TableCatalog catalog) throws SQLException {
    if (catalog.read(connection, table).isPresent()) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(createSql());
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      if (catalog.read(connection, table).isEmpty()) {
        throw e;
      }
    }
  }

  /** The stored next offsets of {@code partitions} (those without a row are absent). */
  Map<TopicPartition, Long> load(Connection connection, Set<TopicPartition> partitions)
      throws SQLException {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    String sql =
        "SELECT "
            + ids.columns(java.util.List.of("topic", "partition", "next_offset"))
            + " FROM "
            + ids.table(table)
            + " WHERE "
            + ids.column("connector")
            + " = ?";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, connector);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          TopicPartition partition = new TopicPartition(rs.getString(1), rs.getInt(2));
          if (partitions.contains(partition)) {
            offsets.put(partition, rs.getLong(3));
          }
        }
      }
    }
    return offsets;
  }

  /**
   * Advances each partition's row from {@code previous} (absent: no row yet) to {@code next}, in
   * the caller's transaction.
   *
   * @throws ConnectException when a row moved since this task read it (another writer)
   */
  void store(
      Connection connection, Map<TopicPartition, Long> previous, Map<TopicPartition, Long> next)
      throws SQLException {
    String update =
        "UPDATE "
            + ids.table(table)
            + " SET "
            + ids.column("next_offset")
            + " = ? WHERE "
            + ids.column("connector")
            + " = ? AND "
            + ids.column("topic")
            + " = ? AND "
            + ids.column("partition")
            + " = ? AND "
            + ids.column("next_offset")
            + " = ?";
    String insert =
        "INSERT INTO "
            + ids.table(table)
            + " ("
            + ids.columns(java.util.List.of("connector", "topic", "partition", "next_offset"))
            + ") VALUES (?, ?, ?, ?)";
    try (PreparedStatement updates = connection.prepareStatement(update);
        PreparedStatement inserts = connection.prepareStatement(insert)) {
      for (Map.Entry<TopicPartition, Long> entry : next.entrySet()) {
        TopicPartition partition = entry.getKey();
        Long expected = previous.get(partition);
        if (expected == null) {
          inserts.setString(1, connector);
          inserts.setString(2, partition.topic());
          inserts.setInt(3, partition.partition());
          inserts.setLong(4, entry.getValue());
          inserts.executeUpdate();
          continue;
        }
        updates.setLong(1, entry.getValue());
        updates.setString(2, connector);
        updates.setString(3, partition.topic());
        updates.setInt(4, partition.partition());
        updates.setLong(5, expected);
        if (updates.executeUpdate() != 1) {
          throw new ConnectException(
              "The stored offset of "
                  + partition
                  + " for connector "
                  + connector
                  + " in "
                  + table
                  + " is no longer "
                  + expected
                  + ": another task wrote this partition meanwhile (after a rebalance, or two"
                  + " connectors with the same name); this batch is rolled back and the task"
                  + " stops so it cannot write twice (restarted, it resumes from the stored"
                  + " offsets)");
        }
      }
    }
  }

  TableId table() {
    return table;
  }
}
