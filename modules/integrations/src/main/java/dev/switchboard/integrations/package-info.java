/**
 * Integrations: a user's connection to one provider. This package owns the aggregate (the
 * integration, its models and its connection-test history), the rules for changing it (who may,
 * which fields, what needs the secret again), and the audit of every change.
 */
package dev.switchboard.integrations;
