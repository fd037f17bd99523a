package io.tributary.connect.file;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails the files matched by the connector's glob patterns that this task owns.
 *
 * <p>Ownership: every task scans all patterns and takes the files whose identity (file key, i.e.
 * device and inode) hashes to its index modulo the task count ({@code String.hashCode}, stable
 * across JVMs). A renamed file keeps its identity, so it stays with the task that was reading it;
 * new files are picked up by the next scan without task reconfiguration.
 *
 * <p>Offsets: source partition {@code {"file.key": key}}; offset {@code {"position": byte after the
 * record's last line, "path", "line": its last line number, "fingerprint": CRC32 of the first
 * min(file.fingerprint.bytes, position) bytes, "fingerprint.length"}}. A restart resumes at the
 * position only if the file still has that fingerprint (else the inode was reused, or the file
 * truncated or rewritten: it is read from its start).
 *
 * <p>Rotation: a file that no pattern matches any more (renamed away, deleted) is read through its
 * open handle to its end, then closed once it stayed at its end for one scan interval; its last
 * partial line, if any, is emitted then. A file whose size drops below the bytes read, or whose
 * first bytes change, is read again from its start (copytruncate).
 *
 * <p>Threading: {@link #poll()} runs on the task thread; {@link #stop()} may come from another one
 * and waits for a running poll to finish its batch before closing the files.
 */
public final class FileSourceTask extends SourceTask {

  static final Logger LOGGER = LoggerFactory.getLogger(FileSourceTask.class);

  static final String FILE_KEY = "file.key";
  static final String POSITION = "position";
  static final String PATH = "path";
  static final String LINE = "line";
  static final String FINGERPRINT = "fingerprint";
  static final String FINGERPRINT_LENGTH = "fingerprint.length";

  static final String HEADER_HOST = "source.host";
  static final String HEADER_FILE = "source.file";
  static final String HEADER_OFFSET = "source.offset";
  static final String HEADER_LINE = "source.line";

  private final Map<String, Tail> tails = new LinkedHashMap<>();

  /** Offsets of files closed in this run (newest 10,000), ahead of not yet committed offsets. */
  private final Map<String, Map<String, Object>> closedOffsets =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
          return size() > 10_000;
        }
      };

  private final Object wake = new Object();
  private volatile boolean stopping;
  private FileSourceConfig config;

  /** Read once: looking the setting up again for every line was a tenth of the task's time. */
  private FileSourceConfig.SourceMetadata sourceMetadata;

  private GlobScanner scanner;
  private EventFormat format;
  private String host;
  private int taskIndex;
  private int taskCount;
  private long nextScanNanos;
  private int roundRobin;
  private DataException pendingFailure;
  private Spool spool;
  private final SourceFields sourceFields = new SourceFields();

  @Override
  public String version() {
    return FileSourceConnector.versionOf(FileSourceTask.class);
  }

  @Override
  public synchronized void start(Map<String, String> props) {
    config = new FileSourceConfig(props);
    sourceMetadata = config.sourceMetadata();
    scanner = new GlobScanner(config.patterns());
    format = new EventFormat(config);
    spool = config.mode() == FileSourceConfig.Mode.SPOOL ? new Spool(config) : null;
    taskIndex = config.getInt(FileSourceConfig.TASK_INDEX_CONFIG);
    taskCount = config.getInt(FileSourceConfig.TASK_COUNT_CONFIG);
    host = hostName();
    nextScanNanos = System.nanoTime();
    stopping = false;
    pendingFailure = null;
    LOGGER.info(
        "File source task {} of {} started on {} for patterns {}",
        taskIndex,
        taskCount,
        host,
        config.patterns());
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    List<SourceRecord> records = new ArrayList<>();
    synchronized (this) {
      if (stopping) {
        return null;
      }
      long now = System.nanoTime();
      if (now - nextScanNanos >= 0) {
        scan(now);
        nextScanNanos = now + config.scanIntervalMs() * 1_000_000L;
      }
      if (pendingFailure != null) {
        throw pendingFailure;
      }
      List<Tail> open = new ArrayList<>(tails.values());
      try {
        for (int i = 0; i < open.size() && records.size() < config.batchSize(); i++) {
          read(open.get(Math.floorMod(roundRobin + i, open.size())), records, now);
        }
      } catch (DataException e) {
        if (records.isEmpty()) {
          throw e;
        }
        // Deliver the events before the malformed one; the next poll fails the task.
        pendingFailure = e;
        return records;
      }
      roundRobin++;
    }
    if (records.isEmpty()) {
      synchronized (wake) {
        if (!stopping) {
          wake.wait(config.pollIntervalMs());
        }
      }
    }
    return records;
  }

  @Override
  public void stop() {
    stopping = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    synchronized (this) {
      for (Tail tail : tails.values()) {
        closeQuietly(tail);
      }
      tails.clear();
    }
  }

  private void scan(long now) {
    if (spool != null) {
      scanSpool();
      return;
    }
    Set<String> seen = new HashSet<>();
    for (GlobScanner.Match match : scanner.scan()) {
      String key;
      try {
        key = fileKey(match.path());
      } catch (NoSuchFileException e) {
        continue;
      } catch (IOException e) {
        LOGGER.warn("Cannot read the attributes of {}, retrying at the next scan", match.path(), e);
        continue;
      }
      if (Math.floorMod(key.hashCode(), taskCount) != taskIndex || !seen.add(key)) {
        continue;
      }
      Tail tail = tails.get(key);
      if (tail == null) {
        open(key, match);
      } else {
        tail.file.path(match.path());
        tail.orphaned = false;
      }
    }
    for (Tail tail : tails.values()) {
      if (!seen.contains(tail.file.key()) && !tail.orphaned) {
        tail.orphaned = true;
        tail.orphanedAtNanos = now;
        LOGGER.info(
            "File {} is no longer matched (rotated or deleted): reading it to its end",
            tail.file.path());
      }
    }
  }

  /** mode=spool: one file at a time, the next ready one once the current one is finished. */
  private void scanSpool() {
    if (!tails.isEmpty()) {
      return;
    }
    try {
      Map.Entry<String, GlobScanner.Match> next =
          spool.next(scanner.scan(), key -> Math.floorMod(key.hashCode(), taskCount) == taskIndex);
      if (next != null) {
        open(next.getKey(), next.getValue());
        if (tails.containsKey(next.getKey())) {
          spool.started(next.getKey(), next.getValue().path());
        }
      }
    } catch (IOException e) {
      LOGGER.warn("Cannot list the spool directory, retrying at the next scan", e);
    }
  }

  @Override
  public void commitRecord(
      SourceRecord record, org.apache.kafka.clients.producer.RecordMetadata metadata) {
    if (spool != null) {
      spool.acked(record);
    }
  }

  private void open(String key, GlobScanner.Match match) {
    TailedFile file;
    try {
      file = TailedFile.open(key, match.path(), config);
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      LOGGER.warn("Cannot open {}, retrying at the next scan", match.path(), e);
      return;
    }
    try {
      if (!key.equals(fileKey(match.path()))) {
        // Replaced between reading its attributes and opening it: the next scan sees the new one.
        file.close();
        return;
      }
      Tail tail =
          new Tail(
              file,
              new EventAssembler(config.multilinePattern(), config.multilineTimeoutMs()),
              config.topicFor(match.patternIndex()));
      resume(tail);
      tails.put(key, tail);
    } catch (IOException e) {
      try {
        file.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      LOGGER.warn("Cannot start reading {}, retrying at the next scan", match.path(), e);
    }
  }

  private void resume(Tail tail) throws IOException {
    String key = tail.file.key();
    Map<String, Object> offset = closedOffsets.remove(key);
    if (offset == null && context != null && context.offsetStorageReader() != null) {
      offset = context.offsetStorageReader().offset(Map.of(FILE_KEY, key));
    }
    boolean resumed = false;
    if (offset != null) {
      long position = number(offset.get(POSITION));
      resumed =
          tail.file.resume(
              position,
              number(offset.get(LINE)),
              number(offset.get(FINGERPRINT)),
              (int) number(offset.get(FINGERPRINT_LENGTH)));
      if (!resumed && position > 0) {
        LOGGER.info(
            "File {} ({}) no longer has the fingerprint of its committed offset {}: reading it from"
                + " the start",
            tail.file.path(),
            key,
            position);
      }
    }
    if (resumed && format.format() == FileSourceConfig.Format.CSV) {
      String header = tail.file.firstLine();
      tail.csvSchema = header == null ? null : EventFormat.csvSchema(header, tail.file.path());
    }
    LOGGER.info(
        "Reading {} ({}) from byte {}, line {}",
        tail.file.path(),
        key,
        tail.file.linePosition(),
        tail.file.lineNumber() + 1);
  }

  private void read(Tail tail, List<SourceRecord> records, long now) {
    int batch = config.batchSize();
    boolean atEnd = false;
    try {
      while (records.size() < batch) {
        long truncations = tail.file.truncations();
        TailedFile.Line line = tail.file.nextLine();
        if (tail.file.truncations() != truncations) {
          emit(tail, tail.events.flush(), records);
        }
        if (line == null) {
          atEnd = true;
          break;
        }
        emit(tail, tail.events.accept(line, now), records);
      }
      if (records.size() < batch) {
        emit(tail, tail.events.flushIfIdle(now), records);
      }
      if (spool != null && atEnd && records.size() + 2 <= batch) {
        finish(tail, records, now);
        spool.finished(tail.file.key());
        nextScanNanos = now;
        return;
      }
      if (tail.orphaned
          && atEnd
          && records.size() + 2 <= batch
          && now - tail.orphanedAtNanos >= config.scanIntervalMs() * 1_000_000L) {
        finish(tail, records, now);
      }
    } catch (IOException e) {
      throw new ConnectException("Cannot read " + tail.file.path() + ": " + e.getMessage(), e);
    }
  }

  private void finish(Tail tail, List<SourceRecord> records, long now) throws IOException {
    TailedFile.Line last = tail.file.drainPartial();
    if (last != null) {
      emit(tail, tail.events.accept(last, now), records);
    }
    emit(tail, tail.events.flush(), records);
    if (spool == null) {
      // A spooled file is moved away for good; a tailed one may match again (same identity).
      closedOffsets.put(
          tail.file.key(), offset(tail, tail.file.linePosition(), tail.file.lineNumber()));
    }
    tails.remove(tail.file.key());
    closeQuietly(tail);
    LOGGER.info(
        "Finished {} ({}) at byte {}", tail.file.path(), tail.file.key(), tail.file.linePosition());
  }

  private void emit(Tail tail, EventAssembler.Event event, List<SourceRecord> records)
      throws IOException {
    if (event == null) {
      return;
    }
    Path path = tail.file.path();
    String pathText = tail.file.pathText();
    EventFormat.Parsed parsed;
    try {
      if (format.format() == FileSourceConfig.Format.CSV && event.firstLine() == 1) {
        tail.csvSchema = null;
        tail.csvSchema = EventFormat.csvSchema(event.text(), path);
        return;
      }
      if (format.format() == FileSourceConfig.Format.CSV && tail.csvSchema == null) {
        throw new DataException(
            "Malformed CSV in file " + path + " line " + event.firstLine() + ": no valid header");
      }
      parsed = format.parse(event.text(), path, event.firstLine(), tail.csvSchema);
    } catch (DataException e) {
      if (!config.toleratesParseErrors()) {
        if (spool != null) {
          tails.remove(tail.file.key());
          closeQuietly(tail);
          spool.failed(tail.file.key());
        }
        throw e;
      }
      LOGGER.warn("Skipping a malformed event (errors.tolerance=all): {}", e.getMessage());
      return;
    }
    if (parsed == null) {
      return;
    }
    if (sourceMetadata == FileSourceConfig.SourceMetadata.FIELDS) {
      parsed = sourceFields.add(parsed, host, pathText, event.start(), event.firstLine());
    }
    ConnectHeaders headers = new ConnectHeaders();
    if (sourceMetadata == FileSourceConfig.SourceMetadata.HEADERS) {
      headers
          .addString(HEADER_HOST, host)
          .addString(HEADER_FILE, pathText)
          .addLong(HEADER_OFFSET, event.start())
          .addLong(HEADER_LINE, event.firstLine());
    }
    records.add(
        new SourceRecord(
            tail.sourcePartition,
            offset(tail, event.end(), event.lastLine()),
            tail.topic,
            null,
            parsed.key() == null
                ? null
                : org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA,
            parsed.key(),
            parsed.valueSchema(),
            parsed.value(),
            null,
            headers));
    if (spool != null) {
      spool.emitted(tail.file.key());
    }
  }

  private Map<String, Object> offset(Tail tail, long position, long line) throws IOException {
    long fingerprint = tail.file.fingerprintAt(position);
    return Map.of(
        POSITION,
        position,
        PATH,
        tail.file.pathText(),
        LINE,
        line,
        FINGERPRINT,
        fingerprint,
        FINGERPRINT_LENGTH,
        (long) tail.file.fingerprintLength());
  }

  static String fileKey(Path path) throws IOException {
    Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    return key != null ? key.toString() : "path:" + path.toAbsolutePath();
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0L;
  }

  private static void closeQuietly(Tail tail) {
    try {
      tail.file.close();
    } catch (IOException e) {
      LOGGER.warn("Cannot close {}", tail.file.path(), e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      LOGGER.warn("Cannot resolve the local host name, using 'localhost' in source.host", e);
      return "localhost";
    }
  }
}
