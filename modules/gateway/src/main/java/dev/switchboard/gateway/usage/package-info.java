/**
 * The usage module's server side: the timers that drive it (EJBs must live in a scanned module, and
 * EAR lib jars are not) and its admin API.
 */
package dev.switchboard.gateway.usage;
