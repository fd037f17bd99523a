package io.tributary.broker.internal.codec;

import static java.util.Objects.requireNonNull;

import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * A request read off the wire.
 *
 * @param header the request header (API key, version, correlation id, client id)
 * @param body the parsed request body
 * @param sizeInBytes the frame size, for metrics and quotas
 */
public record DecodedRequest(RequestHeader header, AbstractRequest body, int sizeInBytes) {
  public DecodedRequest {
    requireNonNull(header, "header is null");
    requireNonNull(body, "body is null");
  }
}
