/** The admin REST API under {@code /api/v1}: what admins and users manage without the console. */
package dev.switchboard.gateway.admin;
