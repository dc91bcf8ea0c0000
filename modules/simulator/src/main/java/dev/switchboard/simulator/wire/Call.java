package dev.switchboard.simulator.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.switchboard.simulator.ReceivedRequest;
import dev.switchboard.simulator.SimulatorOptions;
import dev.switchboard.simulator.http.Exchange;
import dev.switchboard.simulator.http.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request to one family: its path below the family prefix, its body, the fault to inject, and
 * the response plumbing every family shares (headers, drip, split UTF-8, reset).
 */
public final class Call {

  private static final AtomicLong IDS = new AtomicLong();

  private final Exchange exchange;
  private final String family;
  private final String path;
  private final FaultSpec fault;
  private final SimulatorOptions options;
  private final long id = IDS.incrementAndGet();
  private byte[] body;
  private JsonNode json;
  private boolean invalidJson;

  Call(Exchange exchange, String family, String path, FaultSpec fault, SimulatorOptions options) {
    this.exchange = exchange;
    this.family = family;
    this.path = path;
    this.fault = fault;
    this.options = options;
  }

  public String family() {
    return family;
  }

  /** The path below the family prefix, e.g. {@code /v1/chat/completions}. */
  public String path() {
    return path;
  }

  public String method() {
    return exchange.method();
  }

  public FaultSpec fault() {
    return fault;
  }

  /** The key the simulator accepts. */
  public String apiKey() {
    return options.apiKey();
  }

  /** A unique, increasing id for response ids and request-id headers. */
  public String id() {
    return Long.toString(id);
  }

  public String header(String name) {
    return exchange.header(name);
  }

  /** Whether {@code Authorization: Bearer <key>} carries the accepted key. */
  public boolean bearerMatches() {
    return ("Bearer " + options.apiKey()).equals(header("Authorization"));
  }

  /** The whole request path as received, family prefix included, still percent-encoded. */
  public String rawPath() {
    return exchange.rawPath();
  }

  /** The query string without {@code ?}, still encoded, or null. */
  public String rawQuery() {
    return exchange.rawQuery();
  }

  /** The request body's bytes, read once (signature checks hash them, {@link #json()} parses). */
  public byte[] body() throws IOException {
    if (body == null) {
      body = exchange.body().readAllBytes();
    }
    return body;
  }

  /** A decoded query parameter, or null. */
  public String query(String name) {
    String raw = exchange.rawQuery();
    if (raw == null) {
      return null;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** Reply tokens for this request: header {@code X-Sim-Tokens}, else the default. */
  public int tokens() {
    return intHeader("X-Sim-Tokens", options.streamTokens());
  }

  /** Delay between stream tokens: header {@code X-Sim-Delay-Ms}, else the default. */
  public long tokenDelayMs() {
    return intHeader("X-Sim-Delay-Ms", (int) options.tokenDelayMs());
  }

  /** Cached input tokens to report: header {@code X-Sim-Cached-Tokens}, else 0. */
  public int cachedTokens() {
    return intHeader("X-Sim-Cached-Tokens", 0);
  }

  /** Anthropic cache writes to report: header {@code X-Sim-Cache-Write-Tokens}, else 0. */
  public int cacheWriteTokens() {
    return intHeader("X-Sim-Cache-Write-Tokens", 0);
  }

  /** Reasoning (thinking) tokens to report: header {@code X-Sim-Reasoning-Tokens}, else 0. */
  public int reasoningTokens() {
    return intHeader("X-Sim-Reasoning-Tokens", 0);
  }

  private int intHeader(String name, int fallback) {
    String value = header(name);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < 0) {
        throw new BadRequest(name + " must not be negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadRequest(name + " must be a number");
    }
  }

  /** The request body as UTF-8 text, e.g. a form. */
  public String bodyText() throws IOException {
    return new String(body(), StandardCharsets.UTF_8);
  }

  /** This request as received, for {@code Simulator.requests()}; reads the body. */
  ReceivedRequest received() throws IOException {
    byte[] bytes = body();
    boolean truncated = bytes.length > ReceivedRequest.MAX_BODY;
    return new ReceivedRequest(
        family,
        method(),
        rawPath(),
        rawQuery(),
        exchange.requestHeaders(),
        truncated ? Arrays.copyOf(bytes, ReceivedRequest.MAX_BODY) : bytes,
        truncated);
  }

  /** The request body as JSON; an empty body is a missing node. */
  public JsonNode json() throws IOException {
    if (json == null) {
      try {
        byte[] bytes = body();
        json = bytes.length == 0 ? MissingNode.getInstance() : Json.MAPPER.readTree(bytes);
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        invalidJson = true;
        json = MissingNode.getInstance();
      }
    }
    if (invalidJson) {
      throw new BadRequest(Family.INVALID_JSON);
    }
    return json;
  }

  public Headers responseHeaders() {
    return exchange.responseHeaders();
  }

  /** Whether the fault chose any retry header; if not, a family may send its usual default. */
  public boolean specifiesRetry() {
    return fault.has("retry-after") || fault.has("retry-after-ms") || fault.has("retry-after-date");
  }

  /** Adds the retry headers a fault asks for. */
  void addRetryHeaders() {
    Headers h = responseHeaders();
    if (fault.has("retry-after")) {
      h.set("retry-after", fault.text("retry-after", "1"));
    }
    if (fault.has("retry-after-ms")) {
      h.set("retry-after-ms", fault.text("retry-after-ms", "1000"));
    }
    if (fault.has("retry-after-date")) {
      ZonedDateTime at =
          ZonedDateTime.now(java.time.ZoneOffset.UTC)
              .plusSeconds(fault.number("retry-after-date", 2));
      h.set("retry-after", DateTimeFormatter.RFC_1123_DATE_TIME.format(at));
    }
    if (fault.has("should-retry")) {
      h.set("x-should-retry", fault.text("should-retry", "true"));
    }
  }

  /** Sends a JSON body with a content length. */
  public void sendJson(int status, JsonNode body) throws IOException {
    send(status, "application/json", Json.bytes(body));
  }

  /**
   * Sends a whole body with a content length, honouring {@code drip} (one byte per interval),
   * {@code split-utf8} and {@code reset-after} (half the body, then the connection drops).
   */
  public void send(int status, String contentType, byte[] body) throws IOException {
    responseHeaders().set("Content-Type", contentType);
    OutputStream out = exchange.respond(status, body.length);
    long drip = fault.number("drip", -1);
    if (drip >= 0) {
      out.flush(); // the headers go now
      for (byte b : body) {
        Pause.sleep(drip);
        out.write(b);
        out.flush();
      }
    } else if (fault.has("reset-after")) {
      out.write(body, 0, body.length / 2);
      out.flush();
      Pause.sleep(EventStream.RESET_GRACE_MS);
      abort();
      return;
    } else if (fault.has("split-utf8")) {
      EventStream.writeSplit(out, body);
    } else {
      out.write(body);
    }
    exchange.end();
  }

  /** Drops the TCP connection (a reset) without finishing the response. */
  void abort() {
    exchange.abort();
  }

  /** Leaves the request unanswered, the connection open; no thread waits for it. */
  void hold() {
    exchange.hold();
  }

  /** Starts a streamed (chunked) 200 response; every frame written is flushed at once. */
  public EventStream stream(String contentType) throws IOException {
    responseHeaders().set("Content-Type", contentType);
    responseHeaders().set("Cache-Control", "no-cache");
    OutputStream out = exchange.respondStream(200);
    if (fault.has("drip")) {
      out.flush(); // headers first; otherwise they go with the first frame, sent at once
    }
    return new EventStream(exchange, out, fault, tokenDelayMs());
  }
}
