package dev.switchboard.gateway.openai;

import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.error.ProviderException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps the caller's prompt out of the error messages the gateway passes on from an upstream. A
 * provider may quote part of the request in its error ("Invalid content 'the text'"); the gateway
 * relays the upstream's message for the caller's sake, so every longer word of the request's
 * messages is masked in it first (RELIABILITY.md case 22: a prompt never appears in an error body).
 * Short words stay, so an upstream's own explanation remains readable.
 */
public final class PromptEcho {

  /** Words shorter than this are too common to tell a quoted prompt from an explanation. */
  static final int MIN_WORD = 8;

  private static final Pattern SEPARATORS = Pattern.compile("[\\s\"'`,;:()\\[\\]{}<>]+");

  private PromptEcho() {}

  /** The failure with every longer word of the request's messages masked in its message. */
  public static ProviderException redacted(ProviderException e, ChatRequest request) {
    Set<String> words = words(request);
    String code = e.providerCode().orElse("");
    if (words.stream().noneMatch(w -> e.getMessage().contains(w) || code.contains(w))) {
      return e;
    }
    ProviderException.Builder b =
        ProviderException.builder(e.category(), e.getMessage())
            .provider(e.providerId())
            .httpStatus(e.httpStatus())
            .retryable(e.retryable())
            .cause(e.getCause())
            .redact(words);
    e.providerCode().ifPresent(b::providerCode);
    e.retryAfter().ifPresent(b::retryAfter);
    return b.build();
  }

  static Set<String> words(ChatRequest request) {
    Set<String> words = new LinkedHashSet<>();
    for (Message m : request.messages()) {
      String text = m.text();
      if (text == null) {
        continue;
      }
      for (String w : SEPARATORS.split(text)) {
        if (w.length() >= MIN_WORD) {
          words.add(w);
        }
      }
    }
    return words;
  }
}
