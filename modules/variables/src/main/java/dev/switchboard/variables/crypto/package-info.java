/**
 * Secrets at rest: AES-256-GCM envelope encryption. Each value gets its own random data key; the
 * data key is wrapped with a versioned master key from a {@link
 * dev.switchboard.variables.crypto.MasterKeyRing}. Both encryptions bind the row the value belongs
 * to (table, row id, column) as additional authenticated data, so a sealed value copied to another
 * row or column fails to open. Rotation re-wraps only the small data key, never the value.
 */
package dev.switchboard.variables.crypto;
