package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;

/** ApiVersions: announces exactly the APIs and versions the registered handlers implement. */
final class ApiVersionsHandler implements ApiHandler<ApiVersionsRequest> {
  static final ApiVersionRange VERSIONS = ApiVersionRange.of(ApiKeys.API_VERSIONS, 0, 3);

  private final List<ApiHandler<?>> handlers;

  ApiVersionsHandler(Collection<ApiHandler<?>> handlers) {
    this.handlers = List.copyOf(requireNonNull(handlers, "handlers is null"));
  }

  @Override
  public ApiVersionRange versions() {
    return VERSIONS;
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, ApiVersionsRequest request) {
    ApiVersionsResponseData data = new ApiVersionsResponseData().setApiKeys(announced());
    if (context.apiVersion() > VERSIONS.highest()) {
      data.setErrorCode(Errors.UNSUPPORTED_VERSION.code());
    } else if (context.apiVersion() >= 3 && !request.isValid()) {
      data.setErrorCode(Errors.INVALID_REQUEST.code());
    }
    return CompletableFuture.completedFuture(new ApiVersionsResponse(data));
  }

  private ApiVersionCollection announced() {
    ApiVersionCollection versions = new ApiVersionCollection();
    versions.add(announced(VERSIONS));
    for (ApiHandler<?> handler : handlers) {
      versions.add(announced(handler.versions()));
    }
    return versions;
  }

  private static ApiVersion announced(ApiVersionRange range) {
    return new ApiVersion()
        .setApiKey(range.apiKey().id)
        .setMinVersion(range.lowest())
        .setMaxVersion(range.highest());
  }
}
