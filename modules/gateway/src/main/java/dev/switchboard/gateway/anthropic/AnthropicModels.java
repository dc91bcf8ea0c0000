package dev.switchboard.gateway.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code GET /v1/models} as Anthropic's clients read it (they send {@code anthropic-version}): one
 * page of {@code {"type":"model","id","display_name","created_at"}} with {@code has_more}, {@code
 * first_id} and {@code last_id}. The ids are the gateway's {@code provider/model}, the names a
 * Messages request takes.
 */
public final class AnthropicModels {

  /** One model a key's workspace can use. */
  public record Entry(String id, Instant created) {}

  private AnthropicModels() {}

  /** The whole list as one page: a workspace's models are few, so there is no next page. */
  public static String page(List<Entry> models) {
    ObjectNode root = MessageWriter.JSON.createObjectNode();
    ArrayNode data = root.putArray("data");
    for (Entry m : models) {
      data.addObject()
          .put("type", "model")
          .put("id", m.id())
          .put("display_name", m.id())
          .put("created_at", DateTimeFormatter.ISO_INSTANT.format(m.created()));
    }
    root.put("has_more", false);
    if (models.isEmpty()) {
      root.putNull("first_id").putNull("last_id");
    } else {
      root.put("first_id", models.get(0).id()).put("last_id", models.get(models.size() - 1).id());
    }
    return root.toString();
  }
}
