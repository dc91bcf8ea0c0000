/**
 * The OpenAI-compatible API under {@code /v1}: request, response, stream framing and error shape as
 * OpenAI's, so the official clients work unchanged.
 */
package dev.switchboard.gateway.openai;
