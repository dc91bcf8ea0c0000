/**
 * Gateway API keys: created per workspace by admins, shown once, stored only as a SHA-256 hash,
 * revocable, with an optional expiry and optional per-minute limits. Programs call the
 * OpenAI-compatible API with them.
 */
package dev.switchboard.platform.apikeys;
