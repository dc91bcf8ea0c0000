/**
 * The application's one database: which kind it is, its schema version, and the Flyway migrations
 * that bring it up to date at start-up before anything else touches it.
 */
package dev.switchboard.platform.database;
