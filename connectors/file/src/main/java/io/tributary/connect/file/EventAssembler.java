package io.tributary.connect.file;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * Groups lines into events. Without a start pattern every line is an event. With one, a line
 * matching it starts a new event and other lines are appended (joined by '\n') to the current one,
 * which is emitted when the next start line arrives, when it was idle for the timeout, or when its
 * file ends. Not thread-safe; one per open file.
 */
final class EventAssembler {

  /** An event: its text, the byte range of its lines and its first and last line numbers. */
  record Event(String text, long start, long end, long firstLine, long lastLine) {
    Event {
      requireNonNull(text, "text is null");
    }
  }

  private final Pattern startPattern;
  private final long timeoutNanos;
  private StringBuilder text;
  private long start;
  private long end;
  private long firstLine;
  private long lastLine;
  private long lastAppendNanos;

  EventAssembler(Pattern startPattern, long timeoutMs) {
    this.startPattern = startPattern;
    this.timeoutNanos = timeoutMs * 1_000_000L;
  }

  /** Takes a line; returns the event it completes (the line itself when single-line), or null. */
  Event accept(TailedFile.Line line, long nowNanos) {
    if (startPattern == null) {
      return new Event(line.text(), line.start(), line.end(), line.number(), line.number());
    }
    Event completed = null;
    if (text != null && startPattern.matcher(line.text()).find()) {
      completed = flush();
    }
    if (text == null) {
      text = new StringBuilder(line.text());
      start = line.start();
      firstLine = line.number();
    } else {
      text.append('\n').append(line.text());
    }
    end = line.end();
    lastLine = line.number();
    lastAppendNanos = nowNanos;
    return completed;
  }

  /** The pending event if nothing was appended to it for the timeout, else null. */
  Event flushIfIdle(long nowNanos) {
    return text != null && nowNanos - lastAppendNanos >= timeoutNanos ? flush() : null;
  }

  /** The pending event, or null. */
  Event flush() {
    if (text == null) {
      return null;
    }
    Event event = new Event(text.toString(), start, end, firstLine, lastLine);
    text = null;
    return event;
  }

  /** Drops the pending event (its file was truncated: its lines are in the rotated copy). */
  void reset() {
    text = null;
  }
}
