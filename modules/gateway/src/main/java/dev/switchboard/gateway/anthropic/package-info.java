/**
 * The Anthropic Messages API under {@code /v1/messages}: requests, replies, the named stream events
 * and the error shape as Anthropic's, so Anthropic's official clients work unchanged against any
 * provider family. A Messages request is translated to the provider-neutral chat model of {@code
 * core} and routed like a chat; what the neutral model cannot carry (thinking blocks,
 * prompt-caching markers, {@code top_k}) is dropped by a documented rule and named in the {@code
 * x-switchboard-dropped} response header, and what cannot be dropped without changing the meaning
 * (documents, server tools, images in tool results) is refused with a 400 naming it.
 */
package dev.switchboard.gateway.anthropic;
