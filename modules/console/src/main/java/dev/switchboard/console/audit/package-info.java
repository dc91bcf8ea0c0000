/** The audit log page: a lazily loaded, filterable table over the audit trail. */
package dev.switchboard.console.audit;
