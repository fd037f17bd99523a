package io.tributary.broker.internal.codec;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.network.Send;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.SendBuilder;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestAndSize;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * Reads request frames and writes response frames through kafka-clients' generated message classes;
 * no message body is encoded or decoded by hand here.
 *
 * <p>Stateless and thread-safe.
 */
public final class RequestCodec {
  private RequestCodec() {}

  /**
   * Parses one frame (without its size prefix).
   *
   * @throws InvalidRequestException when the header or body cannot be read: unknown API key,
   *     truncated or malformed fields. The caller closes the connection, as Apache Kafka does.
   */
  public static DecodedRequest decode(ByteBuffer frame) {
    int size = frame.remaining();
    RequestHeader header;
    try {
      header = RequestHeader.parse(frame);
    } catch (InvalidRequestException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidRequestException("Malformed request header: " + e.getMessage(), e);
    }
    ApiKeys apiKey = header.apiKey();
    short version = header.apiVersion();
    if (apiKey == ApiKeys.API_VERSIONS && !apiKey.isVersionSupported(version)) {
      // A client newer than us: answer with UNSUPPORTED_VERSION in the v0 layout so that it
      // learns our range and retries (KIP-511).
      return new DecodedRequest(
          header, new ApiVersionsRequest(new ApiVersionsRequestData(), (short) 0, version), size);
    }
    if (!apiKey.isVersionSupported(version)) {
      throw new UnsupportedVersionException(
          "Version " + version + " of " + apiKey + " is not supported");
    }
    try {
      RequestAndSize parsed = AbstractRequest.parseRequest(apiKey, version, frame);
      return new DecodedRequest(header, parsed.request, size);
    } catch (RuntimeException e) {
      throw new InvalidRequestException(
          "Malformed " + apiKey + " v" + version + " request: " + e.getMessage(), e);
    }
  }

  /** Builds the response frame (with its size prefix) for a request. */
  public static Send encode(RequestHeader requestHeader, AbstractResponse response) {
    short version = requestHeader.apiVersion();
    if (response instanceof ApiVersionsResponse apiVersions
        && apiVersions.data().errorCode() == Errors.UNSUPPORTED_VERSION.code()) {
      // KIP-511: a version we do not speak is answered in the v0 layout every client reads.
      version = 0;
    }
    ResponseHeader header =
        new ResponseHeader(
            requestHeader.correlationId(), requestHeader.apiKey().responseHeaderVersion(version));
    return SendBuilder.buildResponseSend(header, response.data(), version);
  }
}
