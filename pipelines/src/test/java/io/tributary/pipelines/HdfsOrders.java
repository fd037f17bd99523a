package io.tributary.pipelines;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The orders in the HDFS sink's committed Parquet files of one topic, read with parquet-avro's own
 * reader: count, sums, ids seen more than once, and rows whose ORDERED_AT is not in the day of
 * their {@code year=YYYY/month=MM/day=dd} directory.
 */
final class HdfsOrders {
  private final FileSystem fs;
  private final Path topicDir;

  HdfsOrders(FileSystem fs, String topicDir) {
    this.fs = fs;
    this.topicDir = new Path(topicDir);
  }

  record Contents(
      long rows,
      long idSum,
      BigDecimal amountSum,
      List<Long> duplicateIds,
      List<String> misplaced,
      Set<String> days) {}

  /** The committed Parquet files (temporary files live under topics/+tmp, outside the topic). */
  List<Path> committedFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    if (!fs.exists(topicDir)) {
      return files;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(topicDir, true);
    while (it.hasNext()) {
      Path path = it.next().getPath();
      if (path.getName().endsWith(".parquet")) {
        files.add(path);
      }
    }
    return files;
  }

  Contents read() throws IOException {
    long rows = 0;
    long idSum = 0;
    BigDecimal amountSum = BigDecimal.ZERO;
    BitSet seen = new BitSet();
    List<Long> duplicates = new ArrayList<>();
    List<String> misplaced = new ArrayList<>();
    Set<String> days = new TreeSet<>();
    Configuration conf = fs.getConf();
    for (Path file : committedFiles()) {
      String day = dayOf(file);
      days.add(day);
      try (ParquetReader<GenericRecord> reader =
          AvroParquetReader.<GenericRecord>builder(HadoopInputFile.fromPath(file, conf)).build()) {
        for (GenericRecord order = reader.read(); order != null; order = reader.read()) {
          rows++;
          long id = ((Number) order.get("ORDER_ID")).longValue();
          idSum += id;
          if (seen.get((int) id)) {
            duplicates.add(id);
          }
          seen.set((int) id);
          amountSum = amountSum.add(decimal(order, "AMOUNT"));
          long orderedAt = ((Number) order.get("ORDERED_AT")).longValue();
          String orderDay =
              LocalDate.ofInstant(Instant.ofEpochMilli(orderedAt), ZoneOffset.UTC).toString();
          if (!orderDay.equals(day)) {
            misplaced.add(id + " ordered " + orderDay + " in " + file);
          }
        }
      }
    }
    return new Contents(rows, idSum, amountSum, duplicates, misplaced, days);
  }

  /** {@code .../year=2026/month=11/day=03/file} as {@code 2026-11-03}. */
  static String dayOf(Path file) {
    Path dayDir = file.getParent();
    Path monthDir = dayDir.getParent();
    Path yearDir = monthDir.getParent();
    return value(yearDir, "year") + "-" + value(monthDir, "month") + "-" + value(dayDir, "day");
  }

  private static String value(Path dir, String name) {
    String prefix = name + "=";
    if (!dir.getName().startsWith(prefix)) {
      throw new IllegalStateException("Not a " + name + " directory: " + dir);
    }
    return dir.getName().substring(prefix.length());
  }

  /** A decimal field as parquet-avro returns it without conversions: bytes or fixed. */
  static BigDecimal decimal(GenericRecord record, String field) {
    Schema schema = record.getSchema().getField(field).schema();
    if (schema.getType() == Schema.Type.UNION) {
      schema =
          schema.getTypes().stream()
              .filter(s -> s.getType() != Schema.Type.NULL)
              .findFirst()
              .orElseThrow();
    }
    int scale = ((LogicalTypes.Decimal) schema.getLogicalType()).getScale();
    Object value = record.get(field);
    byte[] bytes;
    if (value instanceof BigDecimal decimal) {
      return decimal;
    } else if (value instanceof ByteBuffer buffer) {
      bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
    } else if (value instanceof GenericFixed fixed) {
      bytes = fixed.bytes();
    } else {
      throw new IllegalStateException("Not a decimal: " + field + " = " + value);
    }
    return new BigDecimal(new BigInteger(bytes), scale);
  }
}
