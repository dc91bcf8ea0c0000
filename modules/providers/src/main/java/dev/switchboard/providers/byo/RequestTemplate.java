package dev.switchboard.providers.byo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.Role;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A custom endpoint's request body: a JSON document whose string values may be placeholders. A
 * string that is exactly one placeholder ({@code "{{messages}}"}) becomes that value with its JSON
 * type (an array, a number, a boolean, null); a placeholder inside a longer string ({@code "Answer:
 * {{prompt}}"}) is replaced by its text. The template is edited as a tree, never by pasting text
 * into JSON, so a quote or a newline in a prompt cannot break or inject into the body.
 *
 * <p>Placeholders: {@code messages} (an array of {@code {"role","content"}}), {@code prompt} (the
 * last user message), {@code conversation} (every message as {@code role: text} lines), {@code
 * system} (the system messages' text), {@code model}, {@code max_tokens}, {@code temperature}
 * ({@code null} when the call sets none), {@code stream} (a boolean), and variable references
 * ({@code env.NAME}, {@code content.NAME}, {@code context.NAME}) whose values the caller resolved.
 */
public final class RequestTemplate {

  /** The built-in placeholder names. */
  public static final Set<String> BUILT_INS =
      Set.of(
          "messages",
          "prompt",
          "conversation",
          "system",
          "model",
          "max_tokens",
          "temperature",
          "stream");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");
  private static final Pattern VARIABLE = Pattern.compile("(env|content|context)\\.[A-Za-z0-9_-]+");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode template;
  private final List<String> variables;

  private RequestTemplate(JsonNode template, List<String> variables) {
    this.template = template;
    this.variables = List.copyOf(variables);
  }

  /**
   * Parses and checks a template.
   *
   * @throws IllegalArgumentException when it is not a JSON object or names an unknown placeholder
   */
  public static RequestTemplate parse(String json) {
    JsonNode tree;
    try {
      tree = json == null ? null : MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "the request template is not valid JSON (line "
              + lineOf(e)
              + "): placeholders go inside strings, e.g. \"{{prompt}}\"");
    }
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException("the request template must be a JSON object");
    }
    Set<String> vars = new LinkedHashSet<>();
    check(tree, vars);
    return new RequestTemplate(tree, new ArrayList<>(vars));
  }

  /** The variable references the template uses, e.g. {@code env.TENANT}, in order of use. */
  public List<String> variables() {
    return variables;
  }

  /** The template as saved. */
  public String text() {
    return template.toString();
  }

  /**
   * The body of one call.
   *
   * @param variableValues resolved values of {@link #variables()}; a missing one is an error
   */
  public ObjectNode render(
      ChatRequest request, boolean stream, Map<String, String> variableValues) {
    return (ObjectNode) render(template, new Values(request, stream, variableValues));
  }

  private static JsonNode render(JsonNode node, Values values) {
    if (node.isObject()) {
      ObjectNode out = NODES.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        out.set(f.getKey(), render(f.getValue(), values));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      node.forEach(item -> out.add(render(item, values)));
      return out;
    }
    if (!node.isTextual()) {
      return node;
    }
    String text = node.asText();
    Matcher whole = PLACEHOLDER.matcher(text);
    if (whole.matches()) {
      return values.node(whole.group(1));
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      JsonNode value = values.node(m.group(1));
      String replacement =
          value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return NODES.textNode(out.toString());
  }

  private static void check(JsonNode node, Set<String> vars) {
    if (node.isContainerNode()) {
      node.forEach(child -> check(child, vars));
      return;
    }
    if (!node.isTextual()) {
      return;
    }
    String text = node.asText();
    Matcher m = PLACEHOLDER.matcher(text);
    int found = 0;
    while (m.find()) {
      found++;
      String name = m.group(1);
      if (VARIABLE.matcher(name).matches()) {
        vars.add(name);
      } else if (!BUILT_INS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown placeholder {{"
                + name
                + "}}: use one of "
                + new java.util.TreeSet<>(BUILT_INS)
                + " or a variable such as {{env.NAME}}");
      }
    }
    if (text.split("\\{\\{", -1).length - 1 != found) {
      throw new IllegalArgumentException(
          "a malformed placeholder: write {{name}} with a placeholder name or a variable such as"
              + " {{env.NAME}}");
    }
  }

  private static String lineOf(java.io.IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException p
        && p.getLocation() != null) {
      return String.valueOf(p.getLocation().getLineNr());
    }
    return "?";
  }

  /** The values of one call, computed on demand. */
  private record Values(ChatRequest request, boolean stream, Map<String, String> variables) {

    JsonNode node(String name) {
      return switch (name) {
        case "messages" -> messages();
        case "prompt" -> NODES.textNode(lastUser());
        case "conversation" -> NODES.textNode(conversation());
        case "system" -> NODES.textNode(system());
        case "model" -> NODES.textNode(request.model());
        case "max_tokens" ->
            request.maxOutputTokens() == null
                ? NODES.nullNode()
                : NODES.numberNode(request.maxOutputTokens());
        case "temperature" ->
            request.temperature() == null
                ? NODES.nullNode()
                : NODES.numberNode(request.temperature());
        case "stream" -> NODES.booleanNode(stream);
        default -> variable(name);
      };
    }

    private JsonNode variable(String name) {
      String value = variables == null ? null : variables.get(name);
      if (value == null) {
        throw new IllegalArgumentException("the template's variable " + name + " has no value");
      }
      return NODES.textNode(value);
    }

    private ArrayNode messages() {
      ArrayNode out = NODES.arrayNode();
      for (Message m : request.messages()) {
        out.addObject()
            .put("role", m.role().name().toLowerCase(Locale.ROOT))
            .put("content", m.text());
      }
      return out;
    }

    private String lastUser() {
      List<Message> all = request.messages();
      for (int i = all.size() - 1; i >= 0; i--) {
        if (all.get(i).role() == Role.USER) {
          return all.get(i).text();
        }
      }
      return "";
    }

    private String conversation() {
      StringBuilder out = new StringBuilder();
      for (Message m : request.messages()) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(m.role().name().toLowerCase(Locale.ROOT)).append(": ").append(m.text());
      }
      return out.toString();
    }

    private String system() {
      StringBuilder out = new StringBuilder();
      for (Message m : request.messages()) {
        if (m.role() == Role.SYSTEM) {
          out.append(out.length() > 0 ? "\n" : "").append(m.text());
        }
      }
      return out.toString();
    }
  }
}
