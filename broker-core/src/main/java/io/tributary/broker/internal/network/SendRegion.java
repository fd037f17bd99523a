package io.tributary.broker.internal.network;

import static java.util.Objects.requireNonNull;

import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import org.apache.kafka.common.network.Send;
import org.apache.kafka.common.network.TransferableChannel;

/**
 * Adapts a kafka-clients {@link Send} (a response built from byte buffers and, for fetches, file
 * slices) to a Netty {@link FileRegion}. With the NIO transport Netty hands us the socket channel
 * itself, so file slices go out through {@link FileChannel#transferTo} without being copied into
 * user space.
 *
 * <p>Not thread-safe; Netty drives it from the channel's event loop.
 */
final class SendRegion extends AbstractReferenceCounted implements FileRegion {
  private final Send send;
  private long transferred;

  SendRegion(Send send) {
    this.send = requireNonNull(send, "send is null");
  }

  @Override
  public long position() {
    return 0;
  }

  @Override
  @Deprecated
  public long transfered() {
    return transferred;
  }

  @Override
  public long transferred() {
    return transferred;
  }

  @Override
  public long count() {
    return send.size();
  }

  @Override
  public long transferTo(WritableByteChannel target, long position) throws IOException {
    // Send keeps its own progress; position is always equal to transferred here.
    long written = send.writeTo(new Adapter(target));
    transferred += written;
    return written;
  }

  @Override
  public FileRegion retain() {
    super.retain();
    return this;
  }

  @Override
  public FileRegion retain(int increment) {
    super.retain(increment);
    return this;
  }

  @Override
  public FileRegion touch() {
    return this;
  }

  @Override
  public FileRegion touch(Object hint) {
    return this;
  }

  @Override
  protected void deallocate() {
    // File slices share the segment's channel, which the log owns; nothing to release.
  }

  private static final class Adapter implements TransferableChannel {
    private final WritableByteChannel target;

    Adapter(WritableByteChannel target) {
      this.target = target;
    }

    @Override
    public boolean hasPendingWrites() {
      return false;
    }

    @Override
    public long transferFrom(FileChannel fileChannel, long position, long count)
        throws IOException {
      return fileChannel.transferTo(position, count, target);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      if (target instanceof GatheringByteChannel gathering) {
        return gathering.write(srcs, offset, length);
      }
      long total = 0;
      for (int i = offset; i < offset + length; i++) {
        int n = target.write(srcs[i]);
        total += n;
        if (srcs[i].hasRemaining()) {
          break;
        }
      }
      return total;
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
      return write(srcs, 0, srcs.length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return target.write(src);
    }

    @Override
    public boolean isOpen() {
      return target.isOpen();
    }

    @Override
    public void close() throws IOException {
      target.close();
    }
  }
}
