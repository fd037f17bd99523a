package io.tributary.connect.file;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * CSV (RFC 4180 quoting, LF line ends): a header line with the field names of the file's first
 * record, then one line per record. Values must be structs or maps; nested values are written as
 * JSON, bytes as base64, nulls as empty cells. A record with other field names than the header is
 * not {@linkplain #accepts accepted}, so it starts a new file with its own header.
 */
final class CsvRecordWriter implements SinkRecordWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OutputStream out;
  private List<String> header;

  CsvRecordWriter(OutputStream out) {
    this.out = out;
  }

  @Override
  public boolean accepts(SinkRecord record) {
    return header == null || header.equals(columns(record));
  }

  @Override
  public void write(SinkRecord record) throws IOException {
    List<String> columns = columns(record);
    if (header == null) {
      header = columns;
      writeLine(new ArrayList<>(columns));
    } else if (!header.equals(columns)) {
      throw new IllegalStateException("record fields " + columns + " differ from " + header);
    }
    List<String> cells = new ArrayList<>(columns.size());
    for (Object cell : cells(record)) {
      cells.add(cell(cell));
    }
    writeLine(cells);
  }

  private static List<String> columns(SinkRecord record) {
    Object value = record.value();
    if (value instanceof Struct struct) {
      return struct.schema().fields().stream().map(Field::name).toList();
    }
    if (value instanceof Map<?, ?> map) {
      return map.keySet().stream().map(String::valueOf).toList();
    }
    throw new DataException(
        "format=csv needs struct or map values, but the record of "
            + record.topic()
            + "-"
            + record.kafkaPartition()
            + " at offset "
            + record.kafkaOffset()
            + " has a "
            + (value == null ? "null" : value.getClass().getSimpleName())
            + " value; use format=json or format=text, or a converter that yields structs");
  }

  private static List<Object> cells(SinkRecord record) {
    Object plain = SinkValues.toPlain(record.value(), record.valueSchema());
    return new ArrayList<>(((Map<?, ?>) plain).values());
  }

  private static String cell(Object value) throws IOException {
    if (value == null) {
      return "";
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return MAPPER.writeValueAsString(value);
    }
    return String.valueOf(value);
  }

  private void writeLine(List<String> cells) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      appendQuoted(line, cells.get(i));
    }
    line.append('\n');
    out.write(line.toString().getBytes(UTF_8));
  }

  private static void appendQuoted(StringBuilder line, String cell) {
    boolean quote =
        cell.indexOf(',') >= 0
            || cell.indexOf('"') >= 0
            || cell.indexOf('\n') >= 0
            || cell.indexOf('\r') >= 0;
    if (!quote) {
      line.append(cell);
      return;
    }
    line.append('"').append(cell.replace("\"", "\"\"")).append('"');
  }
}
