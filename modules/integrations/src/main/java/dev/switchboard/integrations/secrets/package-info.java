/** The container's glue to the sealing of secrets: where the master key ring comes from. */
package dev.switchboard.integrations.secrets;
