package dev.switchboard.gateway.openai;

import static dev.switchboard.gateway.openai.OpenAiApiException.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.embedding.Embedding;
import dev.switchboard.core.embedding.EmbeddingRequest;
import dev.switchboard.core.embedding.EmbeddingResponse;
import dev.switchboard.core.router.LlmRouter;
import dev.switchboard.gateway.security.GatewayAuthentication;
import dev.switchboard.platform.apikeys.ApiKeyCaller;
import dev.switchboard.routing.router.ClusterRateLimits;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code POST /v1/embeddings}, OpenAI-compatible: {@code input} a string or an array of strings,
 * {@code encoding_format} {@code float} or {@code base64} (little-endian float32, what the official
 * clients ask for by default).
 */
@Path("v1/embeddings")
// one instance for all requests: a request-scoped resource is created and injected (its
// configuration looked up again) on every call, about a tenth of the request thread's CPU
@ApplicationScoped
// the key is checked by GatewayAuthentication, which lets only valid keys through to /v1
@PermitAll
public class EmbeddingsResource {

  static final int MAX_INPUTS = 2048;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject LlmRouter router;
  @Inject ClusterRateLimits limits;

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public byte[] create(InputStream body, @Context HttpServletRequest request) throws IOException {
    byte[] bytes = body.readNBytes(ChatCompletionsResource.MAX_BODY_BYTES + 1);
    if (bytes.length > ChatCompletionsResource.MAX_BODY_BYTES) {
      throw new OpenAiApiException(
          413,
          "invalid_request_error",
          null,
          "request_too_large",
          "The request body is too large.");
    }
    JsonNode root = ChatCompletionParser.readObject(bytes);
    String model = ChatCompletionParser.text(root, "model", true);
    List<String> inputs = inputs(root.get("input"));
    String format = ChatCompletionParser.text(root, "encoding_format", false);
    if (format != null && !format.equals("float") && !format.equals("base64")) {
      throw invalid(
          "encoding_format",
          "Invalid value: '" + format + "'. Supported values are: 'float' and 'base64'.");
    }
    Integer dimensions =
        root.hasNonNull("dimensions") && root.get("dimensions").canConvertToInt()
            ? root.get("dimensions").asInt()
            : null;
    ApiKeyCaller caller = GatewayAuthentication.caller(request);
    limits.admitKey(caller.keyId(), caller.requestsPerMinute(), caller.tokensPerMinute());
    EmbeddingResponse r =
        router.embed(
            new EmbeddingRequest(
                model, inputs, dimensions, ChatCompletionParser.text(root, "user", false)),
            CallContextHeaders.of(caller, request::getHeader));
    return JSON.writeValueAsBytes(render(r, model, "base64".equals(format)));
  }

  private static List<String> inputs(JsonNode input) {
    if (input == null || input.isNull()) {
      throw invalid("input", "Missing required parameter: 'input'.");
    }
    List<String> out = new ArrayList<>();
    if (input.isTextual()) {
      out.add(input.asText());
    } else if (input.isArray() && !input.isEmpty() && input.size() <= MAX_INPUTS) {
      input.forEach(
          i -> {
            if (!i.isTextual()) {
              throw invalid("input", "'input' must be a string or an array of strings.");
            }
            out.add(i.asText());
          });
    } else {
      throw invalid(
          "input", "'input' must be a string or an array of 1 to " + MAX_INPUTS + " strings.");
    }
    return out;
  }

  private static ObjectNode render(EmbeddingResponse r, String model, boolean base64) {
    ObjectNode root = JSON.createObjectNode().put("object", "list");
    ArrayNode data = root.putArray("data");
    for (Embedding e : r.embeddings()) {
      ObjectNode item = data.addObject().put("object", "embedding").put("index", e.index());
      float[] v = e.vector();
      if (base64) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
          buf.putFloat(f);
        }
        item.put("embedding", Base64.getEncoder().encodeToString(buf.array()));
      } else {
        ArrayNode values = item.putArray("embedding");
        for (float f : v) {
          values.add(f);
        }
      }
    }
    root.put("model", model);
    root.putObject("usage")
        .put("prompt_tokens", r.usage().inputTokens())
        .put("total_tokens", r.usage().totalTokens());
    return root;
  }
}
