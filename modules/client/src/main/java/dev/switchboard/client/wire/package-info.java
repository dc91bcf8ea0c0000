/**
 * The translation layer between Switchboard's core types and the gateway's OpenAI-compatible wire:
 * requests to JSON, JSON and SSE chunks back to responses and stream events, the gateway's error
 * objects back to {@code ProviderException}s. JSON-P only, so the jar needs no JSON library of its
 * own. Not exported: applications never see the wire.
 */
package dev.switchboard.client.wire;
