package io.tributary.registry.server.internal.compat;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Decides whether a candidate schema may be registered under a subject with a given {@link
 * CompatibilityLevel}, using Avro's schema resolution rules ({@link SchemaCompatibility}, plus the
 * decimal rule it leaves out: same scale, no narrower precision), and explains why not in
 * Confluent's message shape. Stateless and thread-safe.
 *
 * <p>Non-transitive levels check the newest previous version only; transitive ones check every
 * previous version, newest first, and report the first version that fails. The messages for the
 * failing version are the incompatibilities (one per problem, each naming its path and field and
 * why), then {@code {oldSchemaVersion: N}}, {@code {oldSchema: '...'}} and {@code {compatibility:
 * 'LEVEL'}}.
 */
public final class CompatibilityChecker {

  private static final String NEW = "new";
  private static final String OLD = "old";

  /** Beyond this many characters the old schema is cut in messages, as Confluent does. */
  static final int MAX_OLD_SCHEMA_CHARS = 10 * 1024;

  private CompatibilityChecker() {}

  /**
   * Checks {@code candidate} against {@code previousOldestFirst} as {@code level} requires.
   *
   * @param level the subject's compatibility level
   * @param candidate the schema to register
   * @param previousOldestFirst the subject's live versions, oldest first (may be empty)
   * @return no messages if {@code candidate} is compatible, else the reasons it is not
   */
  public static List<String> check(
      CompatibilityLevel level, Schema candidate, List<PreviousSchema> previousOldestFirst) {
    requireNonNull(level, "level is null");
    requireNonNull(candidate, "candidate is null");
    requireNonNull(previousOldestFirst, "previousOldestFirst is null");
    if (level == CompatibilityLevel.NONE || previousOldestFirst.isEmpty()) {
      return List.of();
    }
    int newest = previousOldestFirst.size() - 1;
    int oldest = level.transitive() ? 0 : newest;
    for (int i = newest; i >= oldest; i--) {
      PreviousSchema previous = previousOldestFirst.get(i);
      List<String> messages = compare(level.direction(), candidate, previous.schema());
      if (!messages.isEmpty()) {
        messages.add("{oldSchemaVersion: " + previous.version() + "}");
        messages.add(oldSchemaEntry(previous.schema().toString()));
        messages.add("{compatibility: '" + level.name() + "'}");
        return List.copyOf(messages);
      }
    }
    return List.of();
  }

  /** The incompatibilities between {@code candidate} and one previous schema, for {@code dir}. */
  private static List<String> compare(
      CompatibilityLevel.Direction dir, Schema candidate, Schema previous) {
    List<String> messages = new ArrayList<>();
    if (dir.oldReadsNew()) {
      messages.addAll(readerProblems(previous, OLD, candidate, NEW));
    }
    if (dir.newReadsOld()) {
      messages.addAll(readerProblems(candidate, NEW, previous, OLD));
    }
    return messages;
  }

  private static List<String> readerProblems(
      Schema reader, String readerRole, Schema writer, String writerRole) {
    List<Incompatibility> incompatibilities =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
            .getResult()
            .getIncompatibilities();
    List<String> messages = new ArrayList<>(incompatibilities.size());
    for (Incompatibility incompatibility : incompatibilities) {
      messages.add(IncompatibilityMessage.format(incompatibility, reader, readerRole, writerRole));
    }
    for (DecimalResolution.Problem problem : DecimalResolution.problems(reader, writer)) {
      messages.add(IncompatibilityMessage.formatDecimal(problem, reader, readerRole, writerRole));
    }
    return messages;
  }

  static String oldSchemaEntry(String schema) {
    return schema.length() <= MAX_OLD_SCHEMA_CHARS
        ? "{oldSchema: '" + schema + "'}"
        : "{oldSchema: <truncated> '" + schema.substring(0, MAX_OLD_SCHEMA_CHARS) + "...'}";
  }
}
