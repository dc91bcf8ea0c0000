package dev.switchboard.simulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.simulator.wire.Call;
import dev.switchboard.simulator.wire.Family;
import dev.switchboard.simulator.wire.Json;
import dev.switchboard.simulator.wire.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code POST .../embeddings}: float or base64 vectors, by {@code encoding_format}. */
public final class OpenAiEmbeddings {

  private OpenAiEmbeddings() {}

  public static void serve(Family family, Call call, JsonNode request, String servedModel)
      throws IOException {
    String model = servedModel != null ? servedModel : request.path("model").asText("");
    List<String> inputs = new ArrayList<>();
    JsonNode input = request.path("input");
    if (input.isArray()) {
      input.forEach(item -> inputs.add(item.isTextual() ? item.textValue() : item.toString()));
    } else if (input.isTextual()) {
      inputs.add(input.textValue());
    } else {
      family.sendError(call, 400, Family.INVALID_REQUEST, "'input' is a required property");
      return;
    }
    int tokens = 0;
    for (String text : inputs) {
      tokens += Reply.words(Json.MAPPER.getNodeFactory().textNode(text));
    }
    if (family.rejectModel(call, model, tokens)) {
      return;
    }
    int dimensions = request.path("dimensions").asInt(Reply.EMBEDDING_DIMENSIONS);
    boolean base64 = "base64".equals(request.path("encoding_format").asText("float"));
    ObjectNode root = Json.object().put("object", "list");
    ArrayNode data = root.putArray("data");
    for (int i = 0; i < inputs.size(); i++) {
      float[] vector = Reply.embedding(inputs.get(i), dimensions);
      ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
      if (base64) {
        item.put("embedding", Reply.base64(vector));
      } else {
        ArrayNode values = item.putArray("embedding");
        for (float v : vector) {
          values.add(v);
        }
      }
    }
    root.put("model", model);
    root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    call.sendJson(200, root);
  }
}
