/**
 * Google Gemini's {@code generateContent} API: contents with parts, the system instruction apart,
 * function calls without ids (Switchboard gives them ids and maps results back by name), the key in
 * {@code x-goog-api-key} never in the URL, and {@code usageMetadata} cumulative on every stream
 * chunk. Not exported.
 */
package dev.switchboard.providers.gemini;
