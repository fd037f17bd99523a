/**
 * An exactly-once sink from topics into any Hadoop {@code FileSystem} ({@code hdfs://}, {@code
 * file://}) as Avro container files, Parquet or JSON lines.
 *
 * <p>Sub-packages: {@code format} (how records become bytes in a file), {@code partition} (which
 * directory a record goes to), {@code schema} (what happens when a record's schema changes).
 */
package io.tributary.connect.hdfs;
