/**
 * OpenAI's wire format (chat completions, embeddings, models), also served for the
 * OpenAI-compatible providers and used by Azure. Internal.
 */
package dev.switchboard.simulator.openai;
