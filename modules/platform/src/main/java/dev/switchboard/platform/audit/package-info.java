/**
 * The audit trail: who changed what, on which object, when, and what changed (secrets masked by the
 * caller before they get here). Every module's changes are recorded in the same transaction as the
 * change itself.
 */
package dev.switchboard.platform.audit;
