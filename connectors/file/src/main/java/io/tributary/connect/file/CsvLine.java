package io.tributary.connect.file;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.errors.DataException;

/**
 * Splits one CSV line (RFC 4180: ',' separated, '"' quoted, '""' an escaped quote). A quoted field
 * cannot span lines: an unterminated quote is a malformed line. Stateless.
 */
final class CsvLine {

  private CsvLine() {}

  static List<String> parse(String line, Path file, long lineNumber) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw malformed(file, lineNumber, "unterminated quoted field");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        if (i < n && line.charAt(i) != ',') {
          throw malformed(file, lineNumber, "text after a closing quote at column " + (i + 1));
        }
      } else {
        while (i < n && line.charAt(i) != ',') {
          char c = line.charAt(i++);
          if (c == '"') {
            throw malformed(file, lineNumber, "quote inside an unquoted field at column " + i);
          }
          field.append(c);
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      if (i >= n) {
        return fields;
      }
      i++; // the ','
    }
  }

  private static DataException malformed(Path file, long line, String why) {
    return new DataException("Malformed CSV in file " + file + " line " + line + ": " + why);
  }
}
