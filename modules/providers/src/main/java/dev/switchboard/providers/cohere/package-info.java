/**
 * Cohere's v2 API: {@code /v2/chat} with typed SSE events ending in {@code message-end} (which
 * carries the finish reason, usage in billed units, and an error when the stream failed), and
 * {@code /v2/embed}. Not exported.
 */
package dev.switchboard.providers.cohere;
