/**
 * A model server of its own JSON shape and an OAuth 2.0 token endpoint, for bring-your-own
 * endpoints.
 */
package dev.switchboard.simulator.custom;
