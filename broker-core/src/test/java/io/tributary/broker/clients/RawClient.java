package io.tributary.broker.clients;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * A bare Kafka protocol connection for tests: sends requests (or arbitrary bytes) exactly as given
 * and reads size-prefixed response frames, with nothing of kafka-clients' retry or validation in
 * between.
 */
final class RawClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private int correlationId;

  RawClient(String host, int port) {
    try {
      socket = new Socket(host, port);
      socket.setSoTimeout(30_000);
      in = new DataInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RawClient connect(String bootstrapServers) {
    int colon = bootstrapServers.lastIndexOf(':');
    return new RawClient(
        bootstrapServers.substring(0, colon),
        Integer.parseInt(bootstrapServers.substring(colon + 1)));
  }

  /** Sends a request at its builder's version and returns the parsed response. */
  @SuppressWarnings("unchecked")
  <R extends AbstractResponse> R send(AbstractRequest request) {
    RequestHeader header = header(request);
    sendFrame(request.serializeWithHeader(header));
    return (R) AbstractResponse.parseResponse(readFrame(), header);
  }

  RequestHeader header(AbstractRequest request) {
    return new RequestHeader(request.apiKey(), request.version(), "raw-client", ++correlationId);
  }

  /** Writes a frame: the 4-byte size prefix, then the payload. */
  void sendFrame(ByteBuffer payload) {
    ByteBuffer frame = ByteBuffer.allocate(4 + payload.remaining());
    frame.putInt(payload.remaining()).put(payload.duplicate()).flip();
    sendBytes(frame.array());
  }

  void sendBytes(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one response frame (without its size prefix). */
  ByteBuffer readFrame() {
    try {
      int size = in.readInt();
      byte[] payload = new byte[size];
      in.readFully(payload);
      return ByteBuffer.wrap(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether the broker closes this connection within {@code timeout} (reads until end of stream,
   * discarding anything the broker still sends).
   */
  boolean closedByBroker(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        socket.setSoTimeout(
            (int) Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
        if (in.read() < 0) {
          return true;
        }
      }
      return false;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (EOFException | SocketException e) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether the broker, within {@code timeout}, either sends something or closes the connection (as
   * opposed to leaving it hanging).
   */
  boolean answersOrCloses(Duration timeout) {
    try {
      socket.setSoTimeout((int) timeout.toMillis());
      in.read();
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
