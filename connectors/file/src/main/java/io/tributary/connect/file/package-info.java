/**
 * Tributary's file connectors, on the Kafka Connect API only: {@code FileSourceConnector} tails
 * files matched by glob patterns (rotation-safe, several formats, multi-line events) or reads a
 * spool directory; {@code FileSinkConnector} writes topic partitions to rolling files, exactly
 * once.
 */
package io.tributary.connect.file;
