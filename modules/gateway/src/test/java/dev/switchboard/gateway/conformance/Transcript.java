package dev.switchboard.gateway.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.simulator.ReceivedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One call written down for review: the caller's request, what the provider received on the wire,
 * and the door's answer or stream. Normalised so that two runs of the same call read the same: ids
 * the simulator numbers per call ({@code call_sim12}) and timestamps are replaced, credentials
 * shown only as present, JSON printed in one layout (request and answer bodies indented, each
 * stream event's data on one line, so a diff points at the event that changed).
 */
final class Transcript {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Wire headers worth reading: how the request is framed and versioned. */
  private static final Set<String> SHOWN =
      Set.of("content-type", "accept", "anthropic-version", "anthropic-beta");

  /** Credentials: only their presence is written. */
  private static final Set<String> CREDENTIALS =
      Set.of("authorization", "x-api-key", "x-goog-api-key", "api-key");

  private static final Map<Pattern, String> VOLATILE =
      Map.of(
          Pattern.compile("sim\\d+"),
          "sim#",
          Pattern.compile("(?<key>\"(created|created_at|completed_at|latencyMs)\" ?: ?)\\d+"),
          "${key}0",
          Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
          "<uuid>");

  private final StringBuilder text = new StringBuilder();

  Transcript(String door, String family, String scenario) {
    text.append("# ").append(door).append(" x ").append(family).append(": ");
    text.append(scenario).append('\n');
  }

  Transcript request(String path, byte[] body) {
    section("request: POST " + path);
    text.append(pretty(body)).append('\n');
    return this;
  }

  Transcript upstream(List<ReceivedRequest> received) {
    if (received.isEmpty()) {
      section("upstream: none (refused before any upstream call)");
    }
    for (ReceivedRequest r : received) {
      section(
          "upstream: "
              + r.method()
              + " "
              + r.path()
              + (r.query() == null || r.query().isEmpty() ? "" : "?" + r.query()));
      r.headers().stream()
          .map(h -> Map.entry(h.getKey().toLowerCase(Locale.ROOT), h.getValue()))
          .filter(h -> SHOWN.contains(h.getKey()) || CREDENTIALS.contains(h.getKey()))
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              h ->
                  text.append(h.getKey())
                      .append(": ")
                      .append(CREDENTIALS.contains(h.getKey()) ? "<present>" : h.getValue())
                      .append('\n'));
      text.append(pretty(r.body())).append('\n');
    }
    return this;
  }

  Transcript answer(int status, Map<String, String> headers, byte[] body) {
    section("answer: " + status);
    headers(headers);
    text.append(pretty(body)).append('\n');
    return this;
  }

  Transcript stream(Map<String, String> headers, byte[] body) {
    section("answer: 200 text/event-stream");
    headers(headers);
    for (String line : new String(body, StandardCharsets.UTF_8).split("\n", -1)) {
      text.append(line.startsWith("data: ") ? "data: " + compact(line.substring(6)) : line);
      text.append('\n');
    }
    return this;
  }

  @Override
  public String toString() {
    String s = text.toString().stripTrailing() + "\n";
    for (Map.Entry<Pattern, String> v : VOLATILE.entrySet()) {
      s = v.getKey().matcher(s).replaceAll(v.getValue());
    }
    return s;
  }

  private void headers(Map<String, String> headers) {
    new java.util.TreeMap<>(headers)
        .forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
  }

  private void section(String title) {
    text.append("\n## ").append(title).append('\n');
  }

  private static String pretty(byte[] body) {
    if (body.length == 0) {
      return "(empty)";
    }
    try {
      return PRETTY.writeValueAsString(JSON.readTree(body));
    } catch (java.io.IOException e) {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static String compact(String data) {
    try {
      JsonNode node = JSON.readTree(data);
      return node == null ? data : JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      return data; // [DONE] and other non-JSON data, as sent
    }
  }
}
