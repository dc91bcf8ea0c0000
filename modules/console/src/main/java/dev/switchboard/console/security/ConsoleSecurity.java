package dev.switchboard.console.security;

import dev.switchboard.platform.security.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.FormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/** The console signs people in with a form; {@code web.xml} protects every page but the login. */
@ApplicationScoped
@FormAuthenticationMechanismDefinition(
    loginToContinue =
        @LoginToContinue(
            loginPage = "/login.xhtml",
            errorPage = "/login.xhtml?failed=true",
            useForwardToLogin = false))
@DeclareRoles({Roles.ADMIN, Roles.USER})
public class ConsoleSecurity {}
