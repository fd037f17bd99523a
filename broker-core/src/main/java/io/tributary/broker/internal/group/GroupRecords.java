package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The byte layout of the records the coordinator keeps in {@code __consumer_offsets}. This is
 * Tributary's own layout (not Kafka's); every integer is big-endian, and
 *
 * <ul>
 *   <li>{@code string} = int16 length + that many UTF-8 bytes;
 *   <li>{@code nullable string} = int16 length, -1 meaning null;
 *   <li>{@code bytes} = int32 length + that many bytes.
 * </ul>
 *
 * <p>Keys (what compaction keeps the latest value of):
 *
 * <pre>
 * offset key:   int16 type = 1, string groupId, string topic, int32 partition
 * group key:    int16 type = 2, string groupId
 * </pre>
 *
 * <p>Values; a record without value (null) is a tombstone: the offset was deleted, or the group was
 * deleted.
 *
 * <pre>
 * offset value: int16 version = 0, int64 offset, int32 leaderEpoch (-1 = unknown),
 *               nullable string metadata, int64 commitTimestampMs
 * group value:  int16 version = 0, nullable string protocolType, int32 generationId,
 *               nullable string protocolName, nullable string leaderId, int32 memberCount, then per
 *               member: string memberId, nullable string groupInstanceId, string clientId,
 *               string clientHost, int32 rebalanceTimeoutMs, int32 sessionTimeoutMs,
 *               bytes metadata (for the selected protocol), bytes assignment
 * </pre>
 *
 * <p>A reader that finds an unknown key type or value version fails loudly rather than guessing, so
 * a newer layout must bump the version and keep reading the old one.
 */
final class GroupRecords {
  static final short OFFSET_KEY = 1;
  static final short GROUP_KEY = 2;
  static final short VALUE_VERSION = 0;

  private GroupRecords() {}

  /** A decoded key: an offset key has a partition, a group key none. */
  record Key(short type, String groupId, TopicPartition partition) {}

  /**
   * A group metadata value.
   *
   * @param protocolType the protocol type or null
   * @param generationId the generation
   * @param protocolName the selected protocol or null
   * @param leaderId the leader or null
   * @param members the members
   */
  record StoredGroup(
      String protocolType,
      int generationId,
      String protocolName,
      String leaderId,
      List<StoredMember> members) {
    StoredGroup {
      members = List.copyOf(members);
    }
  }

  /** A member inside a {@link StoredGroup}. */
  record StoredMember(
      String memberId,
      String groupInstanceId,
      String clientId,
      String clientHost,
      int rebalanceTimeoutMs,
      int sessionTimeoutMs,
      byte[] metadata,
      byte[] assignment) {
    StoredMember {
      requireNonNull(memberId, "memberId is null");
      requireNonNull(clientId, "clientId is null");
      requireNonNull(clientHost, "clientHost is null");
      requireNonNull(metadata, "metadata is null");
      requireNonNull(assignment, "assignment is null");
    }
  }

  static byte[] offsetKey(String groupId, TopicPartition tp) {
    Writer w = new Writer();
    w.int16(OFFSET_KEY).string(groupId).string(tp.topic()).int32(tp.partition());
    return w.toBytes();
  }

  static byte[] groupKey(String groupId) {
    Writer w = new Writer();
    w.int16(GROUP_KEY).string(groupId);
    return w.toBytes();
  }

  static byte[] offsetValue(CommittedOffset offset) {
    Writer w = new Writer();
    w.int16(VALUE_VERSION)
        .int64(offset.offset())
        .int32(offset.leaderEpoch())
        .nullableString(offset.metadata())
        .int64(offset.commitTimestampMs());
    return w.toBytes();
  }

  static byte[] groupValue(StoredGroup group) {
    Writer w = new Writer();
    w.int16(VALUE_VERSION)
        .nullableString(group.protocolType())
        .int32(group.generationId())
        .nullableString(group.protocolName())
        .nullableString(group.leaderId())
        .int32(group.members().size());
    for (StoredMember m : group.members()) {
      w.string(m.memberId())
          .nullableString(m.groupInstanceId())
          .string(m.clientId())
          .string(m.clientHost())
          .int32(m.rebalanceTimeoutMs())
          .int32(m.sessionTimeoutMs())
          .bytes(m.metadata())
          .bytes(m.assignment());
    }
    return w.toBytes();
  }

  /**
   * Decodes a key.
   *
   * @throws IllegalStateException for an unknown key type or truncated bytes
   */
  static Key readKey(ByteBuffer buffer) {
    try {
      ByteBuffer b = buffer.duplicate();
      short type = b.getShort();
      String groupId = readString(b);
      if (type == OFFSET_KEY) {
        String topic = readString(b);
        return new Key(type, groupId, new TopicPartition(topic, b.getInt()));
      }
      if (type == GROUP_KEY) {
        return new Key(type, groupId, null);
      }
      throw new IllegalStateException("Unknown record key type " + type + " in __consumer_offsets");
    } catch (BufferUnderflowException e) {
      throw new IllegalStateException("Truncated record key in __consumer_offsets", e);
    }
  }

  static CommittedOffset readOffsetValue(ByteBuffer buffer) {
    try {
      ByteBuffer b = buffer.duplicate();
      checkVersion(b.getShort());
      long offset = b.getLong();
      int leaderEpoch = b.getInt();
      String metadata = readNullableString(b);
      long timestamp = b.getLong();
      return new CommittedOffset(offset, leaderEpoch, metadata == null ? "" : metadata, timestamp);
    } catch (BufferUnderflowException e) {
      throw new IllegalStateException("Truncated offset record in __consumer_offsets", e);
    }
  }

  static StoredGroup readGroupValue(ByteBuffer buffer) {
    try {
      ByteBuffer b = buffer.duplicate();
      checkVersion(b.getShort());
      String protocolType = readNullableString(b);
      int generation = b.getInt();
      String protocolName = readNullableString(b);
      String leaderId = readNullableString(b);
      int count = b.getInt();
      List<StoredMember> members = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        members.add(
            new StoredMember(
                readString(b),
                readNullableString(b),
                readString(b),
                readString(b),
                b.getInt(),
                b.getInt(),
                readBytes(b),
                readBytes(b)));
      }
      return new StoredGroup(protocolType, generation, protocolName, leaderId, members);
    } catch (BufferUnderflowException | NegativeArraySizeException e) {
      throw new IllegalStateException("Truncated group record in __consumer_offsets", e);
    }
  }

  private static void checkVersion(short version) {
    if (version != VALUE_VERSION) {
      throw new IllegalStateException(
          "Unknown record value version "
              + version
              + " in __consumer_offsets; this broker reads version "
              + VALUE_VERSION);
    }
  }

  private static String readString(ByteBuffer b) {
    String s = readNullableString(b);
    if (s == null) {
      throw new IllegalStateException("Null string where one is required in __consumer_offsets");
    }
    return s;
  }

  private static String readNullableString(ByteBuffer b) {
    short length = b.getShort();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(ByteBuffer b) {
    byte[] bytes = new byte[b.getInt()];
    b.get(bytes);
    return bytes;
  }

  /** A growable big-endian writer. */
  private static final class Writer {
    private ByteBuffer buffer = ByteBuffer.allocate(64);

    private void ensure(int more) {
      if (buffer.remaining() < more) {
        ByteBuffer bigger =
            ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
      }
    }

    Writer int16(int value) {
      ensure(2);
      buffer.putShort((short) value);
      return this;
    }

    Writer int32(int value) {
      ensure(4);
      buffer.putInt(value);
      return this;
    }

    Writer int64(long value) {
      ensure(8);
      buffer.putLong(value);
      return this;
    }

    Writer string(String value) {
      return nullableString(requireNonNull(value, "string value is null"));
    }

    Writer nullableString(String value) {
      if (value == null) {
        return int16(-1);
      }
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > Short.MAX_VALUE) {
        throw new IllegalArgumentException(
            "A string of " + bytes.length + " bytes is too long for __consumer_offsets records");
      }
      int16(bytes.length);
      ensure(bytes.length);
      buffer.put(bytes);
      return this;
    }

    Writer bytes(byte[] value) {
      int32(value.length);
      ensure(value.length);
      buffer.put(value);
      return this;
    }

    byte[] toBytes() {
      byte[] result = new byte[buffer.position()];
      buffer.flip();
      buffer.get(result);
      return result;
    }
  }
}
