package dev.switchboard.core.embedding;

import dev.switchboard.core.usage.Usage;
import java.util.List;
import java.util.Objects;

/**
 * The vectors for an {@link EmbeddingRequest}, in input order.
 *
 * @param embeddings one per input
 * @param servedModel the model the provider says served it
 * @param usage the tokens used (embeddings have input tokens only)
 */
public record EmbeddingResponse(List<Embedding> embeddings, String servedModel, Usage usage) {
  public EmbeddingResponse {
    embeddings = List.copyOf(embeddings);
    Objects.requireNonNull(usage, "usage");
  }
}
