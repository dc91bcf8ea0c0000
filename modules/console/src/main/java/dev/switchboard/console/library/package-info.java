/** The Models Library and the configuration wizard that turns a provider into an integration. */
package dev.switchboard.console.library;
