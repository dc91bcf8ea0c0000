/**
 * Ollama's native API: {@code /api/chat} streaming NDJSON by default (so {@code "stream": false} is
 * explicit for a whole reply), the final {@code done: true} line with {@code prompt_eval_count} and
 * {@code eval_count}, images as base64 only, tool arguments as objects, and errors as {@code
 * {"error": "..."}} even mid-stream. Not exported.
 */
package dev.switchboard.providers.ollama;
