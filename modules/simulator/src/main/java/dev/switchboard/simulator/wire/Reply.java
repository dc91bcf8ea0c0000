package dev.switchboard.simulator.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The deterministic rules every family shares, so tests can assert exact values.
 *
 * <ul>
 *   <li>Reply token {@code i} (0-based) is {@code WORDS[i % 8] + " "}; a reply of N tokens is the
 *       first N of them. Token 6 ({@code "🌍 "}) and token 5 ({@code "héllo "}) are multi-byte.
 *   <li>Input tokens: whitespace-separated words in every text of every message, plus 3 per message
 *       (a system prompt counts as a message).
 *   <li>A model whose name starts with {@code missing-} does not exist; one whose name ends with
 *       {@code -tiny} has a context of {@value #TINY_CONTEXT} input tokens.
 * </ul>
 */
public final class Reply {

  static final String[] WORDS = {
    "Hello", "from", "the", "Switchboard", "simulator", "héllo", "🌍", "done"
  };
  private static final String[] TOKENS = new String[WORDS.length];

  static {
    for (int i = 0; i < WORDS.length; i++) {
      TOKENS[i] = WORDS[i] + " ";
    }
  }

  /** The context window, in input tokens, of every {@code *-tiny} model. */
  public static final int TINY_CONTEXT = 50;

  /** Tokens per message added to the word count. */
  public static final int PER_MESSAGE = 3;

  /** Default embedding dimensions when the request does not ask for a number. */
  public static final int EMBEDDING_DIMENSIONS = 8;

  private Reply() {}

  /** Reply token {@code i}, 0-based. */
  public static String token(int i) {
    return TOKENS[i % TOKENS.length];
  }

  /** The whole reply of {@code n} tokens. */
  public static String text(int n) {
    StringBuilder sb = new StringBuilder(n * 8);
    for (int i = 0; i < n; i++) {
      sb.append(token(i));
    }
    return sb.toString();
  }

  /**
   * Content piece {@code i} of {@code n}: reply token {@code i}; in JSON mode the reply is wrapped
   * as {@code {"reply":"<text>"}}, the prefix on the first piece, the suffix on the last.
   */
  public static String piece(int i, int n, boolean json) {
    String token = token(i);
    if (!json) {
      return token;
    }
    return (i == 0 ? "{\"reply\":\"" : "") + token + (i == n - 1 ? "\"}" : "");
  }

  /** All {@code n} pieces joined: the whole reply content. */
  public static String content(int n, boolean json) {
    if (n == 0) {
      return json ? "{\"reply\":\"\"}" : "";
    }
    StringBuilder sb = new StringBuilder(n * 8 + 12);
    for (int i = 0; i < n; i++) {
      sb.append(piece(i, n, json));
    }
    return sb.toString();
  }

  /** Whether a model name denotes a model that does not exist. */
  public static boolean isMissing(String model) {
    return model != null && model.startsWith("missing-");
  }

  /** The context limit of a model in input tokens, or {@code Integer.MAX_VALUE}. */
  public static int contextLimit(String model) {
    return model != null && model.endsWith("-tiny") ? TINY_CONTEXT : Integer.MAX_VALUE;
  }

  /** Input tokens of a list of messages (a JSON array), by the documented rule. */
  public static int inputTokens(JsonNode messages) {
    int total = 0;
    if (messages != null && messages.isArray()) {
      for (JsonNode message : messages) {
        total += words(message) + PER_MESSAGE;
      }
    }
    return total;
  }

  /** Input tokens of a single message-like node (a system prompt, one input text). */
  public static int inputTokensOfOne(JsonNode message) {
    return message == null || message.isNull() || message.isMissingNode()
        ? 0
        : words(message) + PER_MESSAGE;
  }

  /**
   * Whitespace-separated words in the texts of a node: a string itself, or the {@code content},
   * {@code text} and {@code parts} members, recursively.
   */
  public static int words(JsonNode node) {
    if (node == null) {
      return 0;
    }
    if (node.isTextual()) {
      return countWords(node.textValue());
    }
    int total = 0;
    if (node.isArray()) {
      for (JsonNode item : node) {
        total += words(item);
      }
    } else if (node.isObject()) {
      total += words(node.get("content")) + words(node.get("text")) + words(node.get("parts"));
    }
    return total;
  }

  static int countWords(String text) {
    int count = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        count++;
      }
      inWord = !space;
    }
    return count;
  }

  /** The text of the last message with the given role, or "". */
  public static String lastText(JsonNode messages, String role) {
    if (messages == null || !messages.isArray()) {
      return "";
    }
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode m = messages.get(i);
      if (role.equals(m.path("role").asText())) {
        return m.toString();
      }
    }
    return "";
  }

  /**
   * A deterministic embedding of a text: component {@code j} is {@code ((h + 31 * j) % 2000) / 1000
   * - 1}, with {@code h} the non-negative {@code String.hashCode} of the text.
   */
  public static float[] embedding(String text, int dimensions) {
    int h = text.hashCode() & 0x7fffffff;
    float[] v = new float[dimensions];
    for (int j = 0; j < dimensions; j++) {
      v[j] = ((h + 31L * j) % 2000) / 1000f - 1f;
    }
    return v;
  }

  /** The embedding as OpenAI's base64 encoding: little-endian float32s. */
  public static String base64(float[] vector) {
    ByteBuffer buf = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : vector) {
      buf.putFloat(f);
    }
    return Base64.getEncoder().encodeToString(buf.array());
  }

  /** The deterministic tool-call arguments, and their streamed fragments. */
  public static final String TOOL_ARGUMENTS = "{\"location\":\"Paris\",\"unit\":\"celsius\"}";

  public static final String[] TOOL_ARGUMENT_FRAGMENTS = {
    "{\"location\":", "\"Paris\",", "\"unit\":", "\"celsius\"}"
  };

  /** The tool-call arguments as a map, for families that send them as an object. */
  public static Map<String, Object> toolArgumentsMap() {
    return new ToolUse("get_weather", "Paris").argumentsMap();
  }

  /**
   * One deterministic tool call: {@code {"location":<city>,"unit":"celsius"}} of the named tool,
   * streamed in four fragments as {@link #TOOL_ARGUMENT_FRAGMENTS} are for Paris.
   */
  public record ToolUse(String name, String city) {

    public String arguments() {
      return "{\"location\":\"" + city + "\",\"unit\":\"celsius\"}";
    }

    public String[] fragments() {
      return new String[] {"{\"location\":", "\"" + city + "\",", "\"unit\":", "\"celsius\"}"};
    }

    /** In the order of {@link #arguments()}: a {@code Map.of} would vary its order per JVM. */
    public Map<String, Object> argumentsMap() {
      Map<String, Object> args = new java.util.LinkedHashMap<>();
      args.put("location", city);
      args.put("unit", "celsius");
      return args;
    }
  }

  /**
   * The calls of {@code tool} that answer a question: one for Paris; with {@code parallel} allowed
   * and a question naming both Paris and Rome, one for each, in that order (parallel tool calls).
   */
  public static java.util.List<ToolUse> toolUses(String tool, String question, boolean parallel) {
    String q = question.toLowerCase(java.util.Locale.ROOT);
    if (parallel && q.contains("paris") && q.contains("rome")) {
      return java.util.List.of(new ToolUse(tool, "Paris"), new ToolUse(tool, "Rome"));
    }
    return java.util.List.of(new ToolUse(tool, "Paris"));
  }

  /** Bytes of a UTF-8 string. */
  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
