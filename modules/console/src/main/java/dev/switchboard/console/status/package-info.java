/** The console's status page: version, database kind, migration version and health. */
package dev.switchboard.console.status;
