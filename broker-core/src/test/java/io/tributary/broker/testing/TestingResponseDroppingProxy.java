package io.tributary.broker.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * A Kafka-protocol-aware TCP proxy on loopback, for tests that need produce requests to reach the
 * broker while their responses are lost (so the client retries batches the broker already
 * appended). Clients must be sent here: start the broker with {@code advertised.listeners} naming
 * this proxy's port.
 *
 * <p>Each proxied connection runs two threads that copy whole frames; {@link #dropResponses()}
 * makes them discard every response from then on and count the dropped produce responses; {@link
 * #resumeAndDisconnectAll()} stops dropping and closes every proxied connection.
 */
public final class TestingResponseDroppingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger droppedProduceResponses = new AtomicInteger();
  private volatile int targetPort = -1;
  private volatile boolean dropping;

  public TestingResponseDroppingProxy() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Where new connections are forwarded (the broker's real port). */
  public void forwardTo(int port) {
    targetPort = port;
  }

  /** From now on, responses are discarded; requests still reach the broker. */
  public void dropResponses() {
    dropping = true;
  }

  public int droppedProduceResponses() {
    return droppedProduceResponses.get();
  }

  /** Stops dropping responses and closes every proxied connection (clients reconnect). */
  public void resumeAndDisconnectAll() {
    dropping = false;
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        // The server socket was closed: the end of the test.
        continue;
      }
      try {
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(upstream);
        Set<Integer> produceCorrelationIds = ConcurrentHashMap.newKeySet();
        start(() -> copyRequests(client, upstream, produceCorrelationIds));
        start(() -> copyResponses(upstream, client, produceCorrelationIds));
      } catch (IOException e) {
        // The broker is down: close the client's connection at once, so that it retries rather
        // than waits for a response until its request timeout.
        closeQuietly(client);
      }
    }
  }

  private static void start(Runnable pump) {
    Thread thread = new Thread(pump, "proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private void copyRequests(Socket from, Socket to, Set<Integer> produceCorrelationIds) {
    try (DataInputStream in = new DataInputStream(from.getInputStream());
        DataOutputStream out = new DataOutputStream(to.getOutputStream())) {
      while (true) {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        ByteBuffer header = ByteBuffer.wrap(frame);
        if (header.getShort(0) == ApiKeys.PRODUCE.id) {
          produceCorrelationIds.add(header.getInt(4));
        }
        out.writeInt(frame.length);
        out.write(frame);
        out.flush();
      }
    } catch (IOException e) {
      // One side closed: end this connection on both sides.
      disconnect(from, to);
    }
  }

  private void copyResponses(Socket from, Socket to, Set<Integer> produceCorrelationIds) {
    try (DataInputStream in = new DataInputStream(from.getInputStream());
        DataOutputStream out = new DataOutputStream(to.getOutputStream())) {
      while (true) {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        boolean produce = produceCorrelationIds.remove(ByteBuffer.wrap(frame).getInt(0));
        if (dropping) {
          if (produce) {
            droppedProduceResponses.incrementAndGet();
          }
          continue;
        }
        out.writeInt(frame.length);
        out.write(frame);
        out.flush();
      }
    } catch (IOException e) {
      // One side closed: end this connection on both sides.
      disconnect(from, to);
    }
  }

  private void disconnect(Socket a, Socket b) {
    closeQuietly(a);
    closeQuietly(b);
    sockets.remove(a);
    sockets.remove(b);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a socket that is already broken has nothing left to report.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    resumeAndDisconnectAll();
  }
}
