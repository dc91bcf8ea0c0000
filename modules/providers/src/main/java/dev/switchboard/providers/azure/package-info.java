/**
 * Azure OpenAI: OpenAI's wire addressed by resource, deployment and {@code api-version}, with the
 * {@code api-key} header. The encoding is the OpenAI package's; only the addressing lives here. Not
 * exported.
 */
package dev.switchboard.providers.azure;
