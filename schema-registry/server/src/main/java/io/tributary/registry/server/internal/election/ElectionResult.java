package io.tributary.registry.server.internal.election;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The outcome of one election as the group's assignor tells every member: the leader's member id
 * and URL, both null when no member is eligible. Carried as JSON {@code
 * {"version":1,"leader":..,"leaderUrl":..}} in each member's assignment user data.
 */
record ElectionResult(String leaderMemberId, URI leaderUrl) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static ElectionResult none() {
    return new ElectionResult(null, null);
  }

  Optional<URI> leader() {
    return Optional.ofNullable(leaderUrl);
  }

  ByteBuffer encode() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("version", 1);
    node.put("leader", leaderMemberId);
    node.put("leaderUrl", leaderUrl == null ? null : leaderUrl.toString());
    return ByteBuffer.wrap(node.toString().getBytes(UTF_8));
  }

  /**
   * Reads an assignment's user data.
   *
   * @throws IllegalArgumentException if it is missing or unreadable
   */
  static ElectionResult decode(ByteBuffer userData) {
    if (userData == null || !userData.hasRemaining()) {
      throw new IllegalArgumentException("no election result in the assignment");
    }
    byte[] bytes = new byte[userData.remaining()];
    userData.duplicate().get(bytes);
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("the election result is not a JSON object");
      }
      JsonNode id = node.get("leader");
      JsonNode url = node.get("leaderUrl");
      if (id == null || id.isNull() || url == null || url.isNull()) {
        return none();
      }
      return new ElectionResult(id.asText(), URI.create(url.asText()));
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable election result", e);
    }
  }
}
