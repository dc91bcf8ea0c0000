/**
 * Anthropic's Messages API: the system prompt apart from the messages, {@code max_tokens} required,
 * tool use as content blocks, named SSE events, and usage whose {@code input_tokens} excludes cache
 * reads and whose stream reports are cumulative. Not exported.
 */
package dev.switchboard.providers.anthropic;
