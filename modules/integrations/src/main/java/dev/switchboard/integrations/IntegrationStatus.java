package dev.switchboard.integrations;

/** What the last connection test said; a new or changed integration is untested. */
public enum IntegrationStatus {
  UNTESTED,
  ACTIVE,
  WARNING,
  ERROR
}
