/**
 * Master key rotation over JDBC: the registry of columns that hold sealed values, progress per key
 * version, and a rewrap that moves rows to the active key version in resumable, idempotent batches
 * of compare-and-set updates, safe alongside live readers and writers.
 */
package dev.switchboard.variables.rotation;
