package dev.switchboard.core.embedding;

import java.util.List;
import java.util.Objects;

/**
 * Texts to embed.
 *
 * @param model the embedding model id
 * @param inputs the texts, one vector each, in order
 * @param dimensions the requested vector size where the model supports shortening, or {@code null}
 * @param user an opaque end-user id, or {@code null}
 */
public record EmbeddingRequest(String model, List<String> inputs, Integer dimensions, String user) {
  public EmbeddingRequest {
    Objects.requireNonNull(model, "model");
    inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("nothing to embed");
    }
  }

  public static EmbeddingRequest of(String model, String... inputs) {
    return new EmbeddingRequest(model, List.of(inputs), null, null);
  }
}
