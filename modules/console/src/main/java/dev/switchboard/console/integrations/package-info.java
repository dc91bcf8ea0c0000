/** The integrations list: status, tests, test history, reset and delete. */
package dev.switchboard.console.integrations;
