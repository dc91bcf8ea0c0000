package dev.switchboard.routing.features;

import dev.switchboard.core.chat.Message;
import dev.switchboard.core.chat.Role;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.variables.Template;
import dev.switchboard.variables.TemplateSyntaxException;
import dev.switchboard.variables.VariableReference;
import dev.switchboard.variables.VariableScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A feature's prompt: a system prompt and a user template, both with {@code {{content.NAME}}}
 * variables. The caller supplies content variables with each call; three are derived from the
 * call's messages unless the caller supplies them: {@code conversation} (every message, one {@code
 * role: text} line each), {@code query} (the last user message) and {@code history} (the messages
 * before it).
 *
 * <p>With a user template, the call's messages become the system prompt plus one user message, the
 * rendered template. Without one, the system prompt is put before the caller's messages.
 */
public final class PromptTemplate {

  /** The content variables a template may use without the caller supplying them. */
  public static final Set<String> DERIVED = Set.of("conversation", "history", "query");

  private static final PromptTemplate NONE = new PromptTemplate(null, null);

  private final Template system;
  private final Template user;

  private PromptTemplate(Template system, Template user) {
    this.system = system;
    this.user = user;
  }

  /**
   * Parses a template.
   *
   * @throws IllegalArgumentException naming the field, when a text is malformed or uses a variable
   *     that is not a content variable
   */
  public static PromptTemplate of(String systemPrompt, String userTemplate) {
    Template s = parse("systemPrompt", systemPrompt);
    Template u = parse("userTemplate", userTemplate);
    return s == null && u == null ? NONE : new PromptTemplate(s, u);
  }

  public static PromptTemplate none() {
    return NONE;
  }

  public boolean isEmpty() {
    return system == null && user == null;
  }

  /** The names of the content variables used, derived ones included, in order of first use. */
  public List<String> contentVariables() {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (Template t : new Template[] {system, user}) {
      if (t != null) {
        t.references().forEach(r -> names.add(r.name()));
      }
    }
    return List.copyOf(names);
  }

  /**
   * The messages to send for a call.
   *
   * @throws ProviderException {@code BAD_REQUEST} naming a content variable the call did not supply
   */
  public List<Message> apply(List<Message> messages, Map<String, String> variables) {
    if (isEmpty()) {
      return messages;
    }
    Map<String, String> values = values(messages, variables == null ? Map.of() : variables);
    List<Message> out = new ArrayList<>();
    if (system != null) {
      out.add(Message.system(render(system, values)));
    }
    if (user != null) {
      out.add(Message.user(render(user, values)));
    } else {
      out.addAll(messages);
    }
    return out;
  }

  private Map<String, String> values(List<Message> messages, Map<String, String> supplied) {
    Map<String, String> values = new HashMap<>();
    int lastUser = -1;
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).role() == Role.USER) {
        lastUser = i;
      }
    }
    values.put("conversation", transcript(messages));
    values.put("query", lastUser < 0 ? "" : messages.get(lastUser).text());
    values.put(
        "history",
        transcript(
            lastUser < 0
                ? messages
                : messages.subList(0, lastUser).stream()
                    .filter(m -> m.role() != Role.SYSTEM)
                    .toList()));
    values.putAll(supplied);
    return values;
  }

  private static String transcript(List<Message> messages) {
    return messages.stream()
        .filter(m -> m.role() != Role.SYSTEM)
        .map(m -> m.role().name().toLowerCase(java.util.Locale.ROOT) + ": " + m.text())
        .collect(Collectors.joining("\n"));
  }

  private static String render(Template t, Map<String, String> values) {
    Map<VariableReference, String> resolved = new HashMap<>();
    for (VariableReference r : t.references()) {
      String v = values.get(r.name());
      if (v == null) {
        throw ProviderException.builder(
                ErrorCategory.BAD_REQUEST,
                "This feature's prompt template needs the content variable '"
                    + r.name()
                    + "': pass it in the request's \"variables\" object.")
            .providerCode("missing_variable")
            .build();
      }
      resolved.put(r, v);
    }
    return t.render(resolved);
  }

  private static Template parse(String field, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Template t;
    try {
      t = Template.parse(text);
    } catch (TemplateSyntaxException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
    for (VariableReference r : t.references()) {
      if (r.scope() != VariableScope.CONTENT) {
        throw new IllegalArgumentException(
            field
                + ": prompt templates use content variables only ({{content.NAME}}), not {{"
                + r.scope().prefix()
                + "."
                + r.name()
                + "}}");
      }
    }
    return t;
  }
}
