package dev.switchboard.providers;

import dev.switchboard.core.model.Capability;
import java.net.URI;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What Switchboard knows about one provider, as data: the OpenAI-compatible providers differ only
 * in these fields and share one adapter.
 *
 * @param id the provider id used in configuration, e.g. {@code groq}
 * @param displayName a name for people
 * @param family the adapter family serving it, e.g. {@code openai}
 * @param defaultBaseUrl the public API's base URL; an {@link Endpoint} may override it
 * @param authStyle how the key is sent
 * @param capabilities what the provider's API offers (per model details are in the catalog)
 * @param listsModels whether it has an endpoint listing the models the key can use
 */
public record ProviderDescriptor(
    String id,
    String displayName,
    String family,
    URI defaultBaseUrl,
    AuthStyle authStyle,
    Set<Capability> capabilities,
    boolean listsModels) {

  /**
   * Providers admins add by base URL, with no code change, carry ids with this prefix and speak the
   * OpenAI wire (the OpenAI adapter serves them).
   */
  public static final String CUSTOM_PREFIX = "custom-";

  private static final java.util.regex.Pattern CUSTOM_ID =
      java.util.regex.Pattern.compile("custom-[a-z0-9][a-z0-9-]{0,40}");

  /** Whether an id names an admin-added OpenAI-compatible provider. */
  public static boolean isCustom(String id) {
    return id != null && CUSTOM_ID.matcher(id).matches();
  }

  /**
   * An admin-added OpenAI-compatible provider: bearer key optional, the OpenAI wire's capabilities
   * (the upstream refuses what it lacks).
   *
   * @param baseUrl its base URL, e.g. {@code https://llm.internal.example.com/v1}; may be {@code
   *     null} when each integration sets its own
   */
  public static ProviderDescriptor custom(
      String id, String displayName, URI baseUrl, boolean listsModels) {
    if (!isCustom(id)) {
      throw new IllegalArgumentException("a custom provider id must match " + CUSTOM_ID.pattern());
    }
    return new ProviderDescriptor(
        id,
        displayName == null ? id : displayName,
        "openai",
        baseUrl,
        AuthStyle.OPTIONAL_BEARER,
        EnumSet.of(
            Capability.CHAT,
            Capability.STREAMING,
            Capability.TOOLS,
            Capability.VISION,
            Capability.JSON,
            Capability.EMBEDDINGS),
        listsModels);
  }

  public ProviderDescriptor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(authStyle, "authStyle");
    capabilities = Set.copyOf(EnumSet.copyOf(capabilities));
  }

  public boolean supports(Capability capability) {
    return capabilities.contains(capability);
  }

  /** The endpoint's base URL, or this provider's default. */
  public URI baseUrl(Endpoint endpoint) {
    URI base = endpoint.baseUrl() == null ? defaultBaseUrl : endpoint.baseUrl();
    if (base == null) {
      throw new IllegalArgumentException(
          id + " has no default base URL: the endpoint must set one");
    }
    String text = base.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : base;
  }
}
