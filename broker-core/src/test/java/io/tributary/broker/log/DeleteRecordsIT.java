package io.tributary.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.testing.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** AdminClient.deleteRecords moves the low watermark, durably. */
class DeleteRecordsIT {
  private static final TopicPartition TP = new TopicPartition("deletable", 0);

  @Test
  void deleteRecordsMovesTheLowWatermarkAndItSurvivesRestarts() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      Clients.createTopic(broker.bootstrapServers(), TP.topic(), Map.of("segment.bytes", "2048"));
      List<ProducerRecord<String, String>> records = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        records.add(new ProducerRecord<>(TP.topic(), "k" + i, "v" + i));
      }
      try (KafkaProducer<String, String> producer = Clients.producer(broker.bootstrapServers())) {
        Clients.send(producer, records);
      }
      // When deleting records before offset 140
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        long low =
            admin
                .deleteRecords(Map.of(TP, RecordsToDelete.beforeOffset(140)))
                .lowWatermarks()
                .get(TP)
                .get(30, TimeUnit.SECONDS)
                .lowWatermark();
        assertThat(low).isEqualTo(140);
        // (beyond the high watermark is refused)
        assertThatThrownBy(
                () ->
                    admin
                        .deleteRecords(Map.of(TP, RecordsToDelete.beforeOffset(301)))
                        .lowWatermarks()
                        .get(TP)
                        .get(30, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(org.apache.kafka.common.errors.OffsetOutOfRangeException.class);
      }
      // Then earliest is 140, consumers from the start begin there, and reading below fails
      assertThat(Clients.earliest(broker.bootstrapServers(), TP)).isEqualTo(140);
      assertThat(Clients.readAll(broker.bootstrapServers(), TP).get(0).offset()).isEqualTo(140);
      try (KafkaConsumer<String, String> consumer =
          Clients.consumer(broker.bootstrapServers(), "none")) {
        consumer.assign(List.of(TP));
        consumer.seek(TP, 10);
        assertThatThrownBy(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    consumer.poll(Duration.ofMillis(100));
                  }
                })
            .isInstanceOf(OffsetOutOfRangeException.class);
      }
      // And after a clean restart and after a crash, it is still 140
      broker.restart();
      assertThat(Clients.earliest(broker.bootstrapServers(), TP)).isEqualTo(140);
      broker.crash();
      broker.startAgain();
      assertThat(Clients.earliest(broker.bootstrapServers(), TP)).isEqualTo(140);
      assertThat(Clients.readAll(broker.bootstrapServers(), TP)).hasSize(160);
    }
  }
}
