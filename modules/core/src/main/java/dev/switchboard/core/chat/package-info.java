/**
 * Chat completion in provider-neutral terms: the request (messages, tools, response format,
 * sampling settings), the complete response, and the events of a streamed response. Adapters
 * translate these to and from each provider's wire format, so callers never see one.
 */
package dev.switchboard.core.chat;
