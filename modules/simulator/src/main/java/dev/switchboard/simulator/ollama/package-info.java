/** Ollama's native NDJSON API and its OpenAI-compatible routes. Internal. */
package dev.switchboard.simulator.ollama;
