package dev.switchboard.providers.wire;

/**
 * One Server-Sent Event.
 *
 * @param event the {@code event:} name, or {@code "message"} when absent
 * @param data the {@code data:} lines joined with newlines
 */
public record SseEvent(String event, String data) {}
