package dev.switchboard.gateway;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The gateway's REST root. The admin API lives under {@code /api/v1}; the OpenAI-compatible API
 * under {@code /v1}.
 */
@ApplicationPath("/")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Switchboard",
            version = "1",
            description = "Admin API and OpenAI-compatible API of the Switchboard LLM gateway."))
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class GatewayApplication extends Application {}
