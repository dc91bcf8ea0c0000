package dev.switchboard.providers.byo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.chat.ChatRequest;
import dev.switchboard.core.chat.ChatResponse;
import dev.switchboard.core.chat.Message;
import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.core.model.Capability;
import dev.switchboard.core.usage.Usage;
import dev.switchboard.core.usage.UsageSource;
import dev.switchboard.providers.AuthStyle;
import dev.switchboard.providers.ConnectionTestResult;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.ProviderDescriptor;
import dev.switchboard.providers.transport.HttpTransport;
import dev.switchboard.providers.transport.TransportRequest;
import dev.switchboard.providers.wire.ErrorClassifier;
import dev.switchboard.providers.wire.FrameTranslator;
import dev.switchboard.providers.wire.Framing;
import dev.switchboard.providers.wire.WireAdapter;
import dev.switchboard.providers.wire.WireFormatException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * Bring-your-own endpoints: one HTTP POST to the endpoint's URL (the base URL is the whole URL),
 * the body rendered from the endpoint's {@link RequestTemplate}, the reply read through its {@link
 * ResponseMapping}, the stream through its {@link StreamMapping}. Usage is {@code MAPPED} when the
 * mapping names token counts and the reply has them, otherwise estimated.
 */
public final class ByoAdapter extends WireAdapter {

  /** The provider id of every bring-your-own integration. */
  public static final String ID = "byo";

  public static final ProviderDescriptor BYO =
      new ProviderDescriptor(
          ID,
          "Custom LLM (bring your own)",
          ID,
          null,
          AuthStyle.OPTIONAL_BEARER,
          EnumSet.of(Capability.CHAT, Capability.STREAMING),
          false);

  public ByoAdapter() {
    this(HttpTransport.shared());
  }

  public ByoAdapter(HttpTransport transport) {
    super(ID, List.of(BYO), transport, ErrorClassifier.translator(ByoAdapter::errorDetail));
  }

  @Override
  protected TransportRequest chatCall(
      ProviderDescriptor provider, Endpoint endpoint, ChatRequest request, boolean stream) {
    ByoWire wire = wire(endpoint);
    if (stream && wire.stream() == null) {
      throw refused(endpoint, "this custom endpoint has no streaming configured", "unsupported");
    }
    if (endpoint.baseUrl() == null) {
      throw refused(endpoint, "this custom endpoint has no URL", "no_endpoint");
    }
    JsonNode body;
    try {
      body = wire.template().render(request, stream, wire.variables());
    } catch (IllegalArgumentException e) {
      throw refused(endpoint, e.getMessage(), "template");
    }
    return post(provider, endpoint, endpoint.baseUrl(), body);
  }

  @Override
  protected ChatResponse readChat(JsonNode body, String requestId, ChatRequest request) {
    throw new IllegalStateException("read with the endpoint's mapping");
  }

  @Override
  protected ChatResponse readChat(
      Endpoint endpoint, JsonNode body, String requestId, ChatRequest request) {
    ResponseMapping mapping = wire(endpoint).response();
    String text = mapping.text().readText(body);
    if (text == null) {
      throw new WireFormatException("no text at " + mapping.text());
    }
    String reason = mapping.finishReason() == null ? null : mapping.finishReason().readText(body);
    return new ChatResponse(
        Message.assistant(text),
        FinishReasons.of(reason),
        request.model(),
        requestId,
        usage(mapping, body));
  }

  /** The saved test payload when there is one, else the one-token "ping" of every adapter. */
  @Override
  public ConnectionTestResult testConnection(Endpoint endpoint, String model) {
    ChatRequest saved = endpoint.byo() == null ? null : endpoint.byo().test();
    if (saved == null) {
      return super.testConnection(endpoint, model);
    }
    long start = System.nanoTime();
    try {
      chat(endpoint, saved.withModel(model));
      return ConnectionTestResult.passed(Duration.ofNanos(System.nanoTime() - start));
    } catch (ProviderException e) {
      return ConnectionTestResult.failed(e, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** Mapped counts when the reply has any, else nothing (the template then estimates). */
  static Usage usage(ResponseMapping mapping, JsonNode body) {
    long in = mapping.inputTokens() == null ? -1 : mapping.inputTokens().readCount(body);
    long out = mapping.outputTokens() == null ? -1 : mapping.outputTokens().readCount(body);
    if (in < 0 && out < 0) {
      return Usage.NONE;
    }
    return Usage.of(Math.max(in, 0), Math.max(out, 0), UsageSource.MAPPED);
  }

  @Override
  protected Framing framing(Endpoint endpoint) {
    StreamMapping stream = wire(endpoint).stream();
    return stream != null && stream.format() == StreamMapping.Format.NDJSON
        ? Framing.NDJSON
        : Framing.SSE;
  }

  @Override
  protected FrameTranslator streamTranslator(String providerId, List<String> secrets) {
    throw new IllegalStateException("a custom stream needs its endpoint's mapping");
  }

  @Override
  protected FrameTranslator streamTranslator(Endpoint endpoint, List<String> secrets) {
    return new ByoStreamTranslator(endpoint.providerId(), secrets, wire(endpoint).stream());
  }

  /** The message and code of an error body in the common shapes of self-hosted servers. */
  static ErrorClassifier.Detail errorDetail(JsonNode body) {
    JsonNode error = body.path("error");
    if (error.isObject()) {
      return new ErrorClassifier.Detail(
          error.path("message").asText(null),
          error.path("code").isValueNode()
              ? error.path("code").asText()
              : error.path("type").asText(null));
    }
    if (error.isTextual()) {
      return new ErrorClassifier.Detail(error.asText(), null);
    }
    String message =
        body.path("message").isTextual()
            ? body.path("message").asText()
            : body.path("detail").isTextual() ? body.path("detail").asText() : null;
    return message == null ? null : new ErrorClassifier.Detail(message, null);
  }

  private static ByoWire wire(Endpoint endpoint) {
    if (endpoint.byo() == null) {
      throw refused(endpoint, "a custom endpoint needs its template and mapping", "no_wire");
    }
    return endpoint.byo();
  }

  private static ProviderException refused(Endpoint endpoint, String message, String code) {
    return ProviderException.builder(ErrorCategory.BAD_REQUEST, message)
        .provider(endpoint.providerId())
        .providerCode(code)
        .build();
  }
}
