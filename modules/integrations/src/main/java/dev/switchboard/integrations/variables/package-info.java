/**
 * The container side of variables: stored per workspace, secure values sealed, plain values as
 * text; the lookup runtime and design-time resolution read; where each variable is used.
 */
package dev.switchboard.integrations.variables;
