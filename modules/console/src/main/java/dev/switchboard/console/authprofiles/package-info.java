/**
 * The Auth Profiles page (admins): how custom LLM and admin-added OpenAI-compatible integrations
 * authenticate, secrets only ever masked.
 */
package dev.switchboard.console.authprofiles;
