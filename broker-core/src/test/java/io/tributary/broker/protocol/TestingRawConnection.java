package io.tributary.broker.protocol;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * A blocking Kafka protocol connection over a plain socket, for tests that need to control the
 * exact bytes on the wire (e.g. send one request twice). One request at a time.
 */
final class TestingRawConnection implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;
  private int nextCorrelationId;

  /** A request serialised once, with the header needed to parse its response. */
  record Frame(RequestHeader header, byte[] bytes) {}

  TestingRawConnection(String host, int port) throws IOException {
    socket = new Socket(host, port);
    socket.setSoTimeout(30_000);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  /** Serialises a request at its builder's version. */
  Frame frame(AbstractRequest request) {
    RequestHeader header =
        new RequestHeader(
            request.apiKey(), request.version(), "raw-test-client", nextCorrelationId++);
    ByteBuffer buffer = request.serializeWithHeader(header);
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return new Frame(header, bytes);
  }

  /** Sends the frame's bytes and reads the response. */
  AbstractResponse send(Frame frame) throws IOException {
    out.writeInt(frame.bytes().length);
    out.write(frame.bytes());
    out.flush();
    int size = in.readInt();
    byte[] response = new byte[size];
    in.readFully(response);
    return AbstractResponse.parseResponse(ByteBuffer.wrap(response), frame.header());
  }

  AbstractResponse send(AbstractRequest request) throws IOException {
    return send(frame(request));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
