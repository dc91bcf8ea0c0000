/** Anthropic's Messages API, with its named SSE events and error types. Internal. */
package dev.switchboard.simulator.anthropic;
