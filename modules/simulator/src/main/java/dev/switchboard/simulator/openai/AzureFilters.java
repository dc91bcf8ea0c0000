package dev.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.simulator.wire.Json;

/** Azure OpenAI's content-filter annotations: everything safe, nothing filtered. */
final class AzureFilters {

  private static final String[] CATEGORIES = {"hate", "self_harm", "sexual", "violence"};

  private AzureFilters() {}

  static ObjectNode results() {
    ObjectNode results = Json.object();
    for (String category : CATEGORIES) {
      results.putObject(category).put("filtered", false).put("severity", "safe");
    }
    return results;
  }

  static ArrayNode promptResults() {
    ArrayNode prompt = Json.array();
    prompt.addObject().put("prompt_index", 0).set("content_filter_results", results());
    return prompt;
  }

  /** Azure's first stream chunk: no choices, only the prompt's filter results. */
  static ObjectNode firstChunk() {
    ObjectNode chunk = Json.object();
    chunk.putArray("choices");
    chunk.put("created", 0).put("id", "").put("model", "").put("object", "");
    chunk.set("prompt_filter_results", promptResults());
    return chunk;
  }
}
