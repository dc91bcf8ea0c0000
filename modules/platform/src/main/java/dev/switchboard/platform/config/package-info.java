/**
 * The configuration version: one number in the database that every configuration change bumps in
 * its own transaction, and each server's view of it, so the data plane's snapshots know when to
 * rebuild without reading the database per call.
 */
package dev.switchboard.platform.config;
