package dev.switchboard.integrations.auth;

import java.time.Instant;
import java.util.List;

/**
 * An auth profile as the API shows it: whether a secret and a keytab are stored, never their
 * values, and the integrations using it.
 */
public record AuthProfileView(
    String id,
    String name,
    AuthKind kind,
    String owner,
    String workspace,
    String headerName,
    String username,
    String tokenEndpoint,
    String scope,
    String audience,
    String realm,
    String kdc,
    boolean secretStored,
    boolean keytabStored,
    List<String> usedBy,
    Instant createdAt,
    Instant updatedAt) {}
