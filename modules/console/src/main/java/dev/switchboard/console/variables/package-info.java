/** The variables page: environment, content and context variables, secure ones masked. */
package dev.switchboard.console.variables;
