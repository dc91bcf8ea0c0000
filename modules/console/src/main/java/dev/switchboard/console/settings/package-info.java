/** The settings page: server status and master-key rotation. */
package dev.switchboard.console.settings;
