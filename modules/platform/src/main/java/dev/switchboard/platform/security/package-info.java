/**
 * Console and admin API accounts: the two roles, password hashing, the Jakarta Security identity
 * store both WARs authenticate against, and the first admin account.
 */
package dev.switchboard.platform.security;
