package io.tributary.registry.serde.internal;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The registry's wire format: byte 0 = magic 0, bytes 1-4 = the schema id (big-endian int), then
 * the Avro binary encoding of the datum.
 */
public final class WireFormat {
  /** The first byte of every record. */
  public static final byte MAGIC_BYTE = 0;

  /** Magic byte plus id. */
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** The record header for {@code schemaId}. */
  public static byte[] header(int schemaId) {
    return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
  }

  /**
   * Checks the header of {@code data} and returns the schema id.
   *
   * @param what names the record in errors, e.g. "value of topic 'orders'"
   */
  public static int schemaId(byte[] data, String what) {
    if (data.length < HEADER_SIZE || data[0] != MAGIC_BYTE) {
      String found =
          data.length == 0
              ? "an empty record"
              : String.format("magic byte 0x%02x in %d bytes", data[0], data.length);
      throw new SerializationException(
          "Unknown magic byte: the "
              + what
              + " is not in the schema registry's Avro wire format (found "
              + found
              + ", expected byte 0 and a 4-byte schema id). Check that its producer used an"
              + " Avro serializer or converter with a schema registry, not another serializer.");
    }
    return ByteBuffer.wrap(data, 1, 4).getInt();
  }
}
