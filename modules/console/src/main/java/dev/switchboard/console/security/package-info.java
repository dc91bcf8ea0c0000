/** Console sign-in: a form login against the platform's account store, and sign-out. */
package dev.switchboard.console.security;
