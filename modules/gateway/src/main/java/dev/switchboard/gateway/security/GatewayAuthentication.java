package dev.switchboard.gateway.security;

import dev.switchboard.platform.apikeys.ApiKeyCaller;
import dev.switchboard.platform.apikeys.ApiKeys;
import dev.switchboard.platform.security.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How callers of the gateway authenticate: gateway API keys ({@code Authorization: Bearer sb-...},
 * or {@code x-api-key: sb-...} as Anthropic's clients send it) for the LLM APIs under {@code /v1},
 * accounts with HTTP Basic for the admin API under {@code /api}. A refusal answers in the API's own
 * error shape: Anthropic's for a caller that speaks Anthropic ({@code /v1/messages}, or an {@code
 * anthropic-version} header), OpenAI's for the rest of {@code /v1}.
 */
@ApplicationScoped
@DeclareRoles({Roles.ADMIN, Roles.USER, GatewayAuthentication.API_CLIENT})
public class GatewayAuthentication implements HttpAuthenticationMechanism {

  /** The role of a request made with a gateway API key. */
  public static final String API_CLIENT = "api-client";

  /** The request attribute holding the {@link ApiKeyCaller} of a key-authenticated request. */
  public static final String CALLER_ATTRIBUTE = ApiKeyCaller.class.getName();

  /** The header Anthropic's clients send the key in. */
  public static final String X_API_KEY = "x-api-key";

  /** The header every Anthropic client sends. */
  public static final String ANTHROPIC_VERSION = "anthropic-version";

  @Inject IdentityStoreHandler identityStores;
  @Inject ApiKeys apiKeys;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String authorization = request.getHeader("Authorization");
    boolean openAiApi = underOpenAiApi(request);
    if (openAiApi) {
      return openAiApi(request, response, context, authorization);
    }
    if (startsWith(authorization, "Bearer ")) {
      Optional<ApiKeyCaller> caller = apiKeys.verify(authorization.substring(7).trim());
      if (caller.isPresent()) {
        request.setAttribute(CALLER_ATTRIBUTE, caller.get());
        return context.notifyContainerAboutLogin(caller.get().principalName(), Set.of(API_CLIENT));
      }
      return refuse(response, openAiApi, "Incorrect API key provided.");
    }
    if (startsWith(authorization, "Basic ")) {
      Optional<UsernamePasswordCredential> credential = basic(authorization.substring(6).trim());
      if (credential.isPresent()) {
        CredentialValidationResult result = identityStores.validate(credential.get());
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
          return context.notifyContainerAboutLogin(result);
        }
      }
      return refuse(response, openAiApi, "The user name or password is not right.");
    }
    if (context.isProtected()) {
      return refuse(
          response,
          openAiApi,
          openAiApi
              ? "You didn't provide an API key: use Authorization: Bearer <key>."
              : "Sign in with HTTP Basic.");
    }
    return context.doNothing();
  }

  /**
   * {@code /v1}: only a valid gateway key passes, as a request attribute the resources read ({@link
   * #CALLER_ATTRIBUTE}); no container login is made (nothing under {@code /v1} is container
   * protected), so no session or single-sign-on token is created per request. The key comes as
   * {@code Authorization: Bearer}, or as {@code x-api-key} when there is no {@code Authorization}
   * header. Account credentials are refused with 403, anything else with 401, in the caller's API's
   * shape. A refusal here answers with {@code SEND_CONTINUE} ("the response is written"): on a
   * resource without a constraint the container turns {@code SEND_FAILURE} into a 500.
   */
  private AuthenticationStatus openAiApi(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      String authorization) {
    boolean anthropic = speaksAnthropic(request);
    String key = null;
    if (startsWith(authorization, "Bearer ")) {
      key = authorization.substring(7).trim();
    } else if (authorization == null && request.getHeader(X_API_KEY) != null) {
      key = request.getHeader(X_API_KEY).trim();
    }
    if (key != null) {
      Optional<ApiKeyCaller> caller = apiKeys.verify(key);
      if (caller.isPresent()) {
        request.setAttribute(CALLER_ATTRIBUTE, caller.get());
        return context.doNothing();
      }
      refuseKey(response, anthropic, "Incorrect API key provided.");
      return AuthenticationStatus.SEND_CONTINUE;
    }
    if (startsWith(authorization, "Basic ")) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      write(
          response,
          anthropic
              ? "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"Account"
                  + " credentials do not open the Messages API: use a gateway API key (x-api-key:"
                  + " sb-...).\"}}"
              : "{\"error\":{\"message\":\"Account credentials do not open the OpenAI-compatible API: use"
                  + " a gateway API key (Authorization: Bearer sb-...).\",\"type\":\"invalid_request_error\","
                  + "\"param\":null,\"code\":\"permission_denied\"}}");
      return AuthenticationStatus.SEND_CONTINUE;
    }
    refuseKey(
        response,
        anthropic,
        anthropic
            ? "You didn't provide an API key: use x-api-key: <key>."
            : "You didn't provide an API key: use Authorization: Bearer <key>.");
    return AuthenticationStatus.SEND_CONTINUE;
  }

  private static void refuseKey(HttpServletResponse response, boolean anthropic, String message) {
    if (!anthropic) {
      refuse(response, true, message);
      return;
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    write(
        response,
        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\""
            + message
            + "\"}}");
  }

  /**
   * Whether a {@code /v1} caller speaks Anthropic's API: it calls {@code /v1/messages} (or below),
   * or sends the {@code anthropic-version} header every Anthropic client sends.
   */
  public static boolean speaksAnthropic(HttpServletRequest request) {
    if (request.getHeader(ANTHROPIC_VERSION) != null) {
      return true;
    }
    String path =
        (Objects.toString(request.getServletPath(), "")
                + Objects.toString(request.getPathInfo(), ""))
            .replaceAll("/{2,}", "/");
    return path.equals("/v1/messages") || path.startsWith("/v1/messages/");
  }

  /**
   * Whether the request is for {@code /v1}, however its path is written: path parameters ({@code
   * /v1;x/chat/completions}) and percent-encoding are what the container and JAX-RS strip or decode
   * before matching a resource, so they are stripped here too.
   */
  static boolean underOpenAiApi(HttpServletRequest request) {
    String decoded =
        Objects.toString(request.getServletPath(), "")
            + Objects.toString(request.getPathInfo(), "");
    String raw = request.getRequestURI().substring(request.getContextPath().length());
    String stripped = raw.replaceAll(";[^/]*", "");
    try {
      stripped = java.net.URLDecoder.decode(stripped.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // a malformed escape: judge by the container's decoded path alone
    }
    return isV1(decoded) || isV1(stripped);
  }

  private static boolean isV1(String path) {
    String p = path.replaceAll("/{2,}", "/");
    return p.equals("/v1") || p.startsWith("/v1/");
  }

  /**
   * The gateway key's caller of a {@code /v1} request, or a 401 in OpenAI's shape when the request
   * carries none (a path this mechanism did not recognise as {@code /v1}): never a 500.
   */
  public static ApiKeyCaller caller(HttpServletRequest request) {
    Object caller = request.getAttribute(CALLER_ATTRIBUTE);
    if (caller instanceof ApiKeyCaller c) {
      return c;
    }
    throw new dev.switchboard.gateway.openai.OpenAiApiException(
        401,
        "invalid_request_error",
        null,
        "invalid_api_key",
        "You didn't provide an API key: use Authorization: Bearer <key>.");
  }

  private static void write(HttpServletResponse response, String body) {
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    try {
      response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static AuthenticationStatus refuse(
      HttpServletResponse response, boolean openAiApi, String message) {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    String body;
    if (openAiApi) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"Switchboard\"");
      body =
          "{\"error\":{\"message\":\""
              + message
              + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
    } else {
      response.setHeader("WWW-Authenticate", "Basic realm=\"Switchboard\"");
      body = "{\"error\":{\"type\":\"unauthorized\",\"message\":\"" + message + "\"}}";
    }
    write(response, body);
    return AuthenticationStatus.SEND_FAILURE;
  }

  private static Optional<UsernamePasswordCredential> basic(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon <= 0
          ? Optional.empty()
          : Optional.of(
              new UsernamePasswordCredential(
                  decoded.substring(0, colon), decoded.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean startsWith(String header, String scheme) {
    return header != null && header.regionMatches(true, 0, scheme, 0, scheme.length());
  }
}
