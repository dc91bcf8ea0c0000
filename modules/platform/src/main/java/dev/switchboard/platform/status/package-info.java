/** What the server says about itself: version, database kind, migration version, health. */
package dev.switchboard.platform.status;
