package io.tributary.connect.jdbc.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.tributary.connect.jdbc.db.TableId;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a task reads: a LOAD (a bulk load, or one range of a split load, bulk or initial) or a
 * STREAM (the incremental query of a table in an incremental mode). A split plan's watermark bounds
 * its initial load and is where the table's stream starts. Encoded as text in task configs (and the
 * plan in offsets). Immutable.
 */
public record WorkUnit(
    Kind kind, RowSource source, Optional<Split> split, Optional<Watermark> watermark) {
  /** The two kinds of unit. */
  public enum Kind {
    LOAD,
    STREAM
  }

  /**
   * Where a split initial load ends and the stream starts: the incrementing column's maximum and/or
   * the timestamp (an ISO instant) at planning time.
   */
  public record Watermark(Optional<Long> incrementing, Optional<String> timestamp) {
    public Watermark {
      requireNonNull(incrementing, "incrementing is null");
      requireNonNull(timestamp, "timestamp is null");
    }
  }

  public WorkUnit {
    requireNonNull(kind, "kind is null");
    requireNonNull(source, "source is null");
    requireNonNull(split, "split is null");
    requireNonNull(watermark, "watermark is null");
  }

  /** The source partition this unit's offsets are stored under. */
  public Map<String, String> partition() {
    return split.isPresent() ? source.rangePartition(split.get().index()) : source.partition();
  }

  /** For logs and messages. */
  public String describe() {
    return split
        .map(s -> source.describe() + " range " + (s.index() + 1) + " of " + s.rangeCount())
        .orElseGet(() -> source.describe() + (kind == Kind.STREAM ? " (incremental)" : ""));
  }

  // ---- text form ----

  /** The plan fields a range's offsets carry, so a restarted connector reuses the same ranges. */
  public Map<String, Object> planFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    split.ifPresent(
        s -> {
          fields.put("split.column", s.column());
          fields.put("split.kind", s.kind().name());
          fields.put("split.unique", s.unique());
          fields.put("split.nullable", s.nullable());
          fields.put("split.cuts", joinList(s.cuts()));
        });
    watermark.ifPresent(
        w -> {
          w.incrementing().ifPresent(v -> fields.put("watermark.incrementing", v));
          w.timestamp().ifPresent(v -> fields.put("watermark.timestamp", v));
        });
    return fields;
  }

  /** The split plan and watermark stored in a range's offset, if it carries one. */
  static Optional<WorkUnit> fromPlanFields(RowSource source, Map<String, ?> offset, Kind kind) {
    if (offset == null || !(offset.get("split.cuts") instanceof String cuts)) {
      return Optional.empty();
    }
    Split split =
        new Split(
            (String) offset.get("split.column"),
            SplitKind.valueOf((String) offset.get("split.kind")),
            Boolean.TRUE.equals(offset.get("split.unique")),
            Boolean.TRUE.equals(offset.get("split.nullable")),
            splitList(cuts),
            0);
    Optional<Long> inc =
        Optional.ofNullable(offset.get("watermark.incrementing"))
            .map(v -> ((Number) v).longValue());
    Optional<String> ts = Optional.ofNullable((String) offset.get("watermark.timestamp"));
    Optional<Watermark> watermark =
        inc.isEmpty() && ts.isEmpty() ? Optional.empty() : Optional.of(new Watermark(inc, ts));
    return Optional.of(new WorkUnit(kind, source, Optional.of(split), watermark));
  }

  /** This unit as one line of text. */
  public String encode() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("kind", kind.name());
    source
        .table()
        .ifPresent(
            t -> {
              t.catalog().ifPresent(c -> fields.put("catalog", c));
              t.schema().ifPresent(s -> fields.put("schema", s));
              fields.put("table", t.table());
            });
    source.query().ifPresent(q -> fields.put("query", q));
    planFields().forEach((k, v) -> fields.put(k, String.valueOf(v)));
    split.ifPresent(s -> fields.put("split.index", Integer.toString(s.index())));
    return fields.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  /** The unit {@link #encode} wrote. */
  public static WorkUnit decode(String text) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      fields.put(dec(pair.substring(0, eq)), dec(pair.substring(eq + 1)));
    }
    RowSource source =
        fields.containsKey("query")
            ? RowSource.ofQuery(fields.get("query"))
            : RowSource.ofTable(
                new TableId(
                    Optional.ofNullable(fields.get("catalog")),
                    Optional.ofNullable(fields.get("schema")),
                    fields.get("table")));
    Optional<Split> split =
        fields.containsKey("split.cuts")
            ? Optional.of(
                new Split(
                    fields.get("split.column"),
                    SplitKind.valueOf(fields.get("split.kind")),
                    Boolean.parseBoolean(fields.get("split.unique")),
                    Boolean.parseBoolean(fields.get("split.nullable")),
                    splitList(fields.get("split.cuts")),
                    Integer.parseInt(fields.get("split.index"))))
            : Optional.empty();
    Optional<Long> inc =
        Optional.ofNullable(fields.get("watermark.incrementing")).map(Long::parseLong);
    Optional<String> ts = Optional.ofNullable(fields.get("watermark.timestamp"));
    Optional<Watermark> watermark =
        inc.isEmpty() && ts.isEmpty() ? Optional.empty() : Optional.of(new Watermark(inc, ts));
    return new WorkUnit(Kind.valueOf(fields.get("kind")), source, split, watermark);
  }

  /** Units joined one per line, for a task config value. */
  public static String encodeAll(List<WorkUnit> units) {
    return units.stream().map(WorkUnit::encode).collect(Collectors.joining("\n"));
  }

  public static List<WorkUnit> decodeAll(String text) {
    List<WorkUnit> units = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return units;
    }
    for (String line : text.split("\n")) {
      units.add(decode(line));
    }
    return units;
  }

  private static String joinList(List<String> values) {
    return values.stream().map(WorkUnit::enc).collect(Collectors.joining(","));
  }

  private static List<String> splitList(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(WorkUnit::dec).toList();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, UTF_8);
  }

  private static String dec(String s) {
    return URLDecoder.decode(s, UTF_8);
  }
}
