package io.tributary.connect.jdbc.db;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * How a database spells identifiers: quoting and the case unquoted names fold to. The rest of the
 * SQL each connector writes lives beside the connector (source queries, sink statements), switching
 * on {@link #kind()}. Immutable.
 */
public record Dialect(DialectKind kind, String name) {
  /** Confluent's {@code dialect.name}: overrides the dialect found from the URL. */
  public static final String DIALECT_NAME_CONFIG = "dialect.name";

  public static final String DIALECT_NAME_DOC =
      "The SQL dialect: PostgreSqlDatabaseDialect, OracleDatabaseDialect or"
          + " GenericDatabaseDialect (also postgresql, oracle, generic). Empty: chosen from"
          + " connection.url (jdbc:postgresql: and jdbc:oracle: have their own; any other URL"
          + " gets the generic ANSI dialect).";

  public Dialect {
    requireNonNull(kind, "kind is null");
    requireNonNull(name, "name is null");
  }

  public static final Dialect POSTGRES =
      new Dialect(DialectKind.POSTGRES, "PostgreSqlDatabaseDialect");
  public static final Dialect ORACLE = new Dialect(DialectKind.ORACLE, "OracleDatabaseDialect");
  public static final Dialect GENERIC = new Dialect(DialectKind.GENERIC, "GenericDatabaseDialect");

  /**
   * The dialect named by {@code dialect.name} if set, else the one for {@code url}.
   *
   * @throws ConfigException for an unknown dialect name
   */
  public static Dialect choose(String url, Optional<String> dialectName) {
    if (dialectName.isPresent() && !dialectName.get().isBlank()) {
      String name = dialectName.get().trim();
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "postgresqldatabasedialect", "postgresql", "postgres" -> POSTGRES;
        case "oracledatabasedialect", "oracle" -> ORACLE;
        case "genericdatabasedialect", "generic" -> GENERIC;
        default ->
            throw new ConfigException(
                DIALECT_NAME_CONFIG,
                name,
                "unknown dialect; use PostgreSqlDatabaseDialect, OracleDatabaseDialect or"
                    + " GenericDatabaseDialect, or leave it empty to choose from connection.url");
      };
    }
    String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql:")) {
      return POSTGRES;
    }
    if (lower.startsWith("jdbc:oracle:")) {
      return ORACLE;
    }
    return GENERIC;
  }

  /** An identifier quoted so the database keeps its exact spelling. */
  public String quote(String identifier) {
    requireNonNull(identifier, "identifier is null");
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** {@code "schema"."table"} (with the catalog too when the dialect uses one), quoted. */
  public String qualified(TableId table) {
    StringBuilder sql = new StringBuilder();
    if (kind == DialectKind.GENERIC && table.catalog().isPresent()) {
      sql.append(quote(table.catalog().get())).append('.');
    }
    table.schema().ifPresent(schema -> sql.append(quote(schema)).append('.'));
    return sql.append(quote(table.table())).toString();
  }

  /**
   * How an unquoted name the user wrote is stored by this database: upper case for Oracle (and
   * ANSI), lower case for PostgreSQL. Names users give in configs are matched against the
   * database's metadata through this.
   */
  public String unquotedCase(String identifier) {
    return kind == DialectKind.POSTGRES
        ? identifier.toLowerCase(Locale.ROOT)
        : identifier.toUpperCase(Locale.ROOT);
  }
}
