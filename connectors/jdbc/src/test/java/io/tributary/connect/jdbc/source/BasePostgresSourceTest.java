package io.tributary.connect.jdbc.source;

import io.tributary.connect.jdbc.TestingPostgres;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Source tests on one real PostgreSQL per test class, with a base connector config (topic prefix
 * {@code db-}, 50 ms polls) that each test extends with its own keys.
 */
abstract class BasePostgresSourceTest {
  static TestingPostgres postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = TestingPostgres.start();
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  /** The base config plus {@code keyValues} (key, value, key, value, ...). */
  static Map<String, String> props(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put("connection.url", postgres.jdbcUrl());
    props.put("connection.user", postgres.user());
    props.put("topic.prefix", "db-");
    props.put("poll.interval.ms", "50");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }
}
