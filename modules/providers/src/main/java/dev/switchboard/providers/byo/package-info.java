/**
 * Bring-your-own endpoints: any HTTP model service of its own JSON shape, described by data (a
 * request template, JSON paths into the reply, a stream framing) rather than by code, so adding one
 * needs no release. The adapter speaks it; the integrations module stores and checks the
 * description.
 */
package dev.switchboard.providers.byo;
