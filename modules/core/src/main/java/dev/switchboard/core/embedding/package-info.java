/**
 * Embeddings in provider-neutral terms. Kept apart from chat because fewer providers offer it and
 * its response (vectors) shares nothing with a chat response but usage.
 */
package dev.switchboard.core.embedding;
