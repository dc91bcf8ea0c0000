/** The gateway web module: the REST root of Switchboard's HTTP APIs. */
package dev.switchboard.gateway;
