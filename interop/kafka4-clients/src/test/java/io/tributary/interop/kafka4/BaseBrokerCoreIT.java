package io.tributary.interop.kafka4;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Starts broker-core in its own process for each test class, and stops it after the class. */
abstract class BaseBrokerCoreIT {
  static BrokerCoreProcess broker;

  @BeforeAll
  static void startBroker() {
    broker = BrokerCoreProcess.start();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  /** Creates a topic with replication factor 1 and waits for the broker's answer. */
  static void createTopic(String topic, int partitions) throws Exception {
    try (Admin admin = Clients.admin(broker)) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }
}
