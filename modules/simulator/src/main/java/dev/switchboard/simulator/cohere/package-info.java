/** Cohere's v2 chat and embed API with its SSE events. Internal. */
package dev.switchboard.simulator.cohere;
