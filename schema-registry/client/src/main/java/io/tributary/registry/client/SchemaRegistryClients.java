package io.tributary.registry.client;

import io.tributary.registry.client.internal.CachingSchemaRegistryClient;
import io.tributary.registry.client.internal.RestSchemaRegistryClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Creates registry clients from configs with Confluent's keys ({@link SchemaRegistryClientConfig}).
 */
public final class SchemaRegistryClients {
  private static final int ID_CACHE_CAPACITY = 10_000;

  private SchemaRegistryClients() {}

  /**
   * A caching client for {@code configs}: {@code mock://scope} selects the in-memory registry of
   * that scope (see {@link MockSchemaRegistry}), otherwise an HTTP client over the listed URLs.
   *
   * @throws ConfigException when {@code schema.registry.url} is missing or malformed
   */
  public static SchemaRegistryClient fromConfig(Map<String, ?> configs) {
    SchemaRegistryClientConfig config = new SchemaRegistryClientConfig(configs);
    List<String> urls = config.getList(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG);
    if (urls == null || urls.isEmpty()) {
      throw new ConfigException(
          SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG,
          urls,
          "at least one URL is needed, e.g. http://localhost:8081 (or mock://scope in tests)");
    }
    int maxPerSubject = config.getInt(SchemaRegistryClientConfig.MAX_SCHEMAS_PER_SUBJECT_CONFIG);
    SchemaRegistryClient base;
    String first = urls.get(0).trim();
    if (first.startsWith(MockSchemaRegistry.MOCK_URL_PREFIX)) {
      if (urls.size() > 1) {
        throw new ConfigException(
            SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG,
            urls,
            "a mock:// URL must be the only URL");
      }
      base =
          MockSchemaRegistry.getClientForScope(
              first.substring(MockSchemaRegistry.MOCK_URL_PREFIX.length()));
    } else {
      base = restClient(config, urls);
    }
    return new CachingSchemaRegistryClient(base, maxPerSubject, ID_CACHE_CAPACITY);
  }

  private static SchemaRegistryClient restClient(
      SchemaRegistryClientConfig config, List<String> urls) {
    List<URI> uris = new ArrayList<>();
    String urlUserInfo = null;
    for (String url : urls) {
      URI uri;
      try {
        uri = URI.create(url.trim());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, url, e.getMessage());
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new ConfigException(
            SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG,
            url,
            "must start with http://, https:// or mock://");
      }
      if (uri.getRawUserInfo() != null) {
        urlUserInfo = uri.getUserInfo();
        uri =
            URI.create(
                uri.getScheme()
                    + "://"
                    + uri.getRawAuthority().split("@", 2)[1]
                    + Optional.ofNullable(uri.getRawPath()).orElse(""));
      }
      uris.add(uri);
    }
    String source =
        config.getString(SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG);
    Optional<String> userInfo;
    if ("USER_INFO".equalsIgnoreCase(source)) {
      Password password =
          config.getPassword(SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG);
      if (password == null || password.value().isEmpty()) {
        throw new ConfigException(
            SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG
                + " must be set (as user:password) when "
                + SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG
                + "=USER_INFO");
      }
      userInfo = Optional.of(password.value());
    } else {
      userInfo = Optional.ofNullable(urlUserInfo);
    }
    Duration timeout =
        Duration.ofMillis(config.getInt(SchemaRegistryClientConfig.REQUEST_TIMEOUT_MS_CONFIG));
    Duration retryFor =
        Duration.ofMillis(config.getInt(SchemaRegistryClientConfig.RETRY_TIMEOUT_MS_CONFIG));
    return new RestSchemaRegistryClient(uris, userInfo, timeout, retryFor);
  }
}
