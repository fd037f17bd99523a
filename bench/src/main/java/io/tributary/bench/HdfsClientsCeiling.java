package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import io.tributary.registry.serde.AvroDeserializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The least any HDFS sink must do with the benchmark's topic, with no worker: one thread consumes
 * it with kafka-clients, decodes each value with Tributary's Avro deserializer and appends it to an
 * Avro container file (Avro's own {@code DataFileWriter}, no codec) on the file system; every
 * {@code flush.size} records the file is synced ({@code hsync}), closed and renamed to its final
 * name, as the sink commits. A ceiling measured in the same run, not a product (no offsets, no
 * partitioner, no recovery).
 *
 * @param records records in the topic
 * @param bytes bytes of the committed files
 * @param wall from the first poll until the last file is renamed
 */
record HdfsClientsCeiling(long records, long bytes, Duration wall) {

  double recordsPerSecond() {
    return records / (wall.toNanos() / 1e9);
  }

  double megabytesPerSecond() {
    return bytes / 1e6 / (wall.toNanos() / 1e9);
  }

  /** Runs once into {@code dir} (a fresh directory URI). */
  static HdfsClientsCeiling run(
      String bootstrapServers, URI registry, String topic, long expected, long flushSize, URI dir) {
    requireNonNull(dir, "dir is null");
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    Configuration conf = new Configuration();
    conf.setInt("dfs.replication", 1);
    TopicPartition partition = new TopicPartition(topic, 0);
    try (AvroDeserializer values = new AvroDeserializer();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties);
        FileSystem fs = FileSystem.newInstance(dir, conf)) {
      values.configure(Map.of("schema.registry.url", registry.toString()), false);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      Path base = new Path(dir);
      fs.mkdirs(base);
      long started = System.nanoTime();
      long records = 0;
      long bytes = 0;
      long first = 0;
      DataFileWriter<GenericRecord> writer = null;
      FSDataOutputStream out = null;
      Path temp = null;
      while (records < expected) {
        if (System.nanoTime() - started > Duration.ofMinutes(10).toNanos()) {
          throw new IllegalStateException("only " + records + " of " + expected + " records");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          GenericRecord value = (GenericRecord) values.deserialize(topic, record.value());
          if (writer == null) {
            first = record.offset();
            temp = new Path(base, "tmp-" + first + ".avro");
            out = fs.create(temp, false);
            writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(value.getSchema()));
            writer.create(value.getSchema(), out);
          }
          writer.append(value);
          records++;
          if (records % flushSize == 0 || records == expected) {
            writer.flush();
            out.hsync();
            writer.close();
            bytes += fs.getFileStatus(temp).getLen();
            fs.rename(
                temp, new Path(base, topic + "+0+" + first + "+" + record.offset() + ".avro"));
            writer = null;
          }
        }
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - started);
      fs.delete(base, true);
      return new HdfsClientsCeiling(records, bytes, wall);
    } catch (IOException e) {
      throw new UncheckedIOException("The ceiling run into " + dir + " failed: " + e, e);
    }
  }
}
