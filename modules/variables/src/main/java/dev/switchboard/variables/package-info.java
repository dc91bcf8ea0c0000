/**
 * Variables: their scopes, the {@code {{scope.name}}} references that field values may contain, the
 * resolution of those references in a phase (runtime or design time), and the rules a header must
 * pass before a request is built from resolved values. Resolution never caches or stores a resolved
 * value, and its errors name variables and headers, never values.
 */
package dev.switchboard.variables;
