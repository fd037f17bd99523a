package io.tributary.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryServerTest {
  private static RegistryConfig config(String listener, String hostName) {
    Map<String, String> props = new HashMap<>();
    props.put("kafkastore.bootstrap.servers", "127.0.0.1:9092");
    props.put("listeners", listener);
    if (hostName != null) {
      props.put("host.name", hostName);
    }
    return new RegistryConfig(props);
  }

  @Test
  void advertisesHostNameWhenSet() {
    assertThat(RegistryServer.advertisedUrl(config("http://0.0.0.0:8081", "reg-1.example"), 8081))
        .isEqualTo(URI.create("http://reg-1.example:8081"));
  }

  @Test
  void advertisesTheListenersHostAndTheBoundPort() {
    assertThat(RegistryServer.advertisedUrl(config("http://127.0.0.1:0", null), 40123))
        .isEqualTo(URI.create("http://127.0.0.1:40123"));
  }

  @Test
  void neverAdvertisesAWildcardAddress() {
    URI url = RegistryServer.advertisedUrl(config("http://0.0.0.0:8081", null), 8081);

    assertThat(url.getHost()).isNotEqualTo("0.0.0.0").isNotBlank();
    assertThat(url.getPort()).isEqualTo(8081);
  }
}
