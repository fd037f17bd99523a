package io.tributary.registry.server.internal.election;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;

/**
 * What an instance tells the group when it joins: its REST base URL and whether it may lead ({@code
 * leader.eligibility}). Carried as JSON {@code {"version":1,"url":..,"eligible":..}} in the
 * consumer subscription's user data.
 */
public record ElectionMember(URI url, boolean eligible) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public ElectionMember {
    requireNonNull(url, "url is null");
  }

  ByteBuffer encode() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("version", 1);
    node.put("url", url.toString());
    node.put("eligible", eligible);
    return ByteBuffer.wrap(node.toString().getBytes(UTF_8));
  }

  /**
   * Reads a member's user data.
   *
   * @throws IllegalArgumentException if it is missing or unreadable
   */
  static ElectionMember decode(ByteBuffer userData) {
    if (userData == null || !userData.hasRemaining()) {
      throw new IllegalArgumentException("no election member data");
    }
    byte[] bytes = new byte[userData.remaining()];
    userData.duplicate().get(bytes);
    try {
      JsonNode node = MAPPER.readTree(bytes);
      JsonNode url = node == null ? null : node.get("url");
      if (url == null || !url.isTextual()) {
        throw new IllegalArgumentException("election member data without a url");
      }
      return new ElectionMember(URI.create(url.asText()), node.path("eligible").asBoolean(false));
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable election member data", e);
    }
  }
}
