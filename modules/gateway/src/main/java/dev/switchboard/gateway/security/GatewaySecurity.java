package dev.switchboard.gateway.security;

import dev.switchboard.platform.security.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/**
 * The admin API authenticates with HTTP Basic against the platform's account store; {@code web.xml}
 * says which paths need which role.
 */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "Switchboard")
@DeclareRoles({Roles.ADMIN, Roles.USER})
public class GatewaySecurity {}
