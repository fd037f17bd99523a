package io.tributary.connect.jdbc.sink;

import io.tributary.connect.jdbc.TestingPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Starting sink tasks against a TestingPostgres and reading back what they wrote. */
final class SinkTestSupport {
  private SinkTestSupport() {}

  static Map<String, String> config(TestingPostgres postgres, String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put("name", "sink");
    props.put("connection.url", postgres.jdbcUrl());
    props.put("connection.user", postgres.user());
    props.put("connection.attempts", "1");
    props.put("connection.backoff.ms", "0");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }

  /** A started task with {@code partitions} opened. */
  static JdbcSinkTask start(
      Map<String, String> props, TestingSinkTaskContext context, TopicPartition... partitions) {
    JdbcSinkTask task = new JdbcSinkTask();
    task.initialize(context);
    task.start(props);
    context.assignment.addAll(List.of(partitions));
    task.open(List.of(partitions));
    return task;
  }

  /** The rows of {@code sql}, each as column label -> value. */
  static List<Map<String, Object>> query(TestingPostgres postgres, String sql) {
    try (Connection connection = postgres.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData metadata = rs.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
          row.put(metadata.getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  static long count(TestingPostgres postgres, String table) {
    return ((Number) query(postgres, "SELECT count(*) AS n FROM " + table).get(0).get("n"))
        .longValue();
  }
}
