/** Gateway API keys in the console: create (shown once), list, revoke. */
package dev.switchboard.console.keys;
