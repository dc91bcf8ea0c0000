/** What every console page shares: the caller's identity, messages and status colours. */
package dev.switchboard.console.support;
