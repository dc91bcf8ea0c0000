/** Usage charts, token limits and their alerts: pages over {@code dev.switchboard.usage}. */
package dev.switchboard.console.usage;
