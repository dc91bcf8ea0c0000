package dev.switchboard.providers.wire;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Server-Sent Events framing as the WHATWG spec has it: {@code event:} and {@code data:} fields,
 * comments ({@code :}) ignored, an event dispatched at a blank line, a single leading space after
 * the colon removed. Events without data are not dispatched.
 */
public final class SseParser {

  private final LineDecoder lines;
  private final Consumer<SseEvent> events;
  private final StringBuilder data = new StringBuilder();
  private String eventName;
  private boolean hasData;

  public SseParser(int maxLineBytes, Consumer<SseEvent> events) {
    this.events = events;
    this.lines = new LineDecoder(maxLineBytes, this::onLine);
  }

  public void feed(ByteBuffer bytes) {
    lines.feed(bytes);
  }

  /** The end of the body: a last event without its blank line is still dispatched. */
  public void finish() {
    lines.finish();
    dispatch();
  }

  private void onLine(String line) {
    if (line.isEmpty()) {
      dispatch();
      return;
    }
    if (line.startsWith(":")) {
      return;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "event" -> eventName = value;
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      default -> {
        // id, retry and unknown fields mean nothing to a provider stream
      }
    }
  }

  private void dispatch() {
    if (hasData) {
      events.accept(new SseEvent(eventName == null ? "message" : eventName, data.toString()));
    }
    data.setLength(0);
    hasData = false;
    eventName = null;
  }
}
