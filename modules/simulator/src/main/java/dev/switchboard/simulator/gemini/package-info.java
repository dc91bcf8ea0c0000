/**
 * The Gemini API (generativelanguage v1beta): generateContent, SSE streaming, embeddings. Internal.
 */
package dev.switchboard.simulator.gemini;
