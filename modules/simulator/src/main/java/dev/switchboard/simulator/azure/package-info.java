/** Azure OpenAI's deployment and unified routes, api-key credential and error shapes. Internal. */
package dev.switchboard.simulator.azure;
