/** MicroProfile Health checks: readiness (database) and liveness (no deadlocked threads). */
package dev.switchboard.gateway.health;
