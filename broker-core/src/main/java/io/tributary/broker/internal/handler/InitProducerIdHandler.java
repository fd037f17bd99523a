package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.producer.ProducerIdManager;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InitProducerId for idempotent producers: each request gets a producer id never handed out before,
 * at epoch 0.
 *
 * <p>As Kafka does for a request without a transactional id, a producer id and epoch sent by the
 * client (v3+, KIP-360) are ignored and a fresh id is returned (kafka-clients bump the epoch of an
 * idempotent producer themselves); sending only one of the two is INVALID_REQUEST.
 *
 * <p>Transactions are not supported yet: a request with a transactional id fails with
 * UNSUPPORTED_VERSION, which kafka-clients treat as fatal, so {@code initTransactions()} fails at
 * once instead of retrying until {@code max.block.ms}. An empty transactional id is
 * INVALID_REQUEST, as in Kafka.
 */
public final class InitProducerIdHandler implements ApiHandler<InitProducerIdRequest> {
  private static final Logger LOGGER = LoggerFactory.getLogger(InitProducerIdHandler.class);

  private final ProducerIdManager producerIds;

  public InitProducerIdHandler(ProducerIdManager producerIds) {
    this.producerIds = requireNonNull(producerIds, "producerIds is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.INIT_PRODUCER_ID, 0, 5);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, InitProducerIdRequest request) {
    InitProducerIdRequestData data = request.data();
    String transactionalId = data.transactionalId();
    if (transactionalId != null) {
      if (transactionalId.isEmpty()) {
        return error(Errors.INVALID_REQUEST);
      }
      LOGGER.warn(
          "Rejected InitProducerId for transactional.id '{}' from client '{}': transactions are not"
              + " supported by broker-core yet; use an idempotent producer without"
              + " transactional.id",
          transactionalId,
          context.clientId());
      return error(Errors.UNSUPPORTED_VERSION);
    }
    boolean hasId = data.producerId() != RecordBatch.NO_PRODUCER_ID;
    boolean hasEpoch = data.producerEpoch() != RecordBatch.NO_PRODUCER_EPOCH;
    if (hasId != hasEpoch) {
      return error(Errors.INVALID_REQUEST);
    }
    long producerId = producerIds.nextProducerId();
    LOGGER.debug("Gave producer id {} to client '{}'", producerId, context.clientId());
    return CompletableFuture.completedFuture(
        new InitProducerIdResponse(
            new InitProducerIdResponseData()
                .setErrorCode(Errors.NONE.code())
                .setProducerId(producerId)
                .setProducerEpoch((short) 0)));
  }

  private static CompletableFuture<AbstractResponse> error(Errors error) {
    return CompletableFuture.completedFuture(
        new InitProducerIdResponse(
            new InitProducerIdResponseData()
                .setErrorCode(error.code())
                .setProducerId(RecordBatch.NO_PRODUCER_ID)
                .setProducerEpoch(RecordBatch.NO_PRODUCER_EPOCH)));
  }
}
