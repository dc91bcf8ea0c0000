/**
 * The OpenAI Chat Completions wire, and the OpenAI-compatible providers it serves as data
 * (descriptors, not code copies): Mistral, Groq, Together, DeepSeek, xAI, Fireworks, OpenRouter,
 * Perplexity, Cerebras, vLLM, LM Studio and llama.cpp server. Azure OpenAI reuses the encoding and
 * decoding here with its own addressing. Not exported.
 */
package dev.switchboard.providers.openai;
