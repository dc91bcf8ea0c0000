package dev.switchboard.integrations;

import dev.switchboard.core.error.ErrorCategory;
import dev.switchboard.core.error.ProviderException;
import dev.switchboard.integrations.secrets.SecretSealer;
import dev.switchboard.integrations.variables.Variables;
import dev.switchboard.providers.ConnectionTestResult;
import dev.switchboard.providers.Endpoint;
import dev.switchboard.providers.ProviderAdapter;
import dev.switchboard.providers.ProviderDescriptor;
import dev.switchboard.providers.ProviderRegistry;
import dev.switchboard.variables.ResolutionPhase;
import dev.switchboard.variables.VariableReference;
import dev.switchboard.variables.VariableResolver;
import dev.switchboard.variables.VariablesException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tests an integration's connection with its stored values, or with sample values for the variables
 * it uses typed in at test time (design-time resolution: context variables allowed). Each test is
 * kept in the history and sets the status; no transaction is held while the provider is called.
 */
@ApplicationScoped
public class ConnectionTests {

  @Inject Integrations integrations;
  @Inject IntegrationStore store;
  @Inject SecretSealer sealer;
  @Inject Variables variables;
  @Inject NetworkPolicy network;
  @Inject CustomLlms customLlms;
  @Inject dev.switchboard.integrations.auth.AuthProfiles authProfiles;
  @Inject dev.switchboard.integrations.auth.ProfileAuthCache profileAuth;

  /**
   * The longest silence of an upstream call (waiting for the response headers, or between two body
   * chunks): a hung upstream is cut off after this, long before the integration's request timeout.
   */
  @Inject
  @org.eclipse.microprofile.config.inject.ConfigProperty(
      name = "switchboard.upstream.idle-timeout-seconds",
      defaultValue = "30")
  long idleTimeoutSeconds;

  /**
   * @param model the model to try; {@code null} takes the first enabled model
   * @param samples sample values by reference ({@code env.OPENAI_KEY} or {@code
   *     {{env.OPENAI_KEY}}}); they override stored variables for this test
   * @param saveSamples keep the sample values, sealed, as secure variables of the workspace
   */
  public ConnectionTestView test(
      Caller caller, String id, String model, Map<String, String> samples, boolean saveSamples) {
    ConnectionTestView result = run(caller, id, model, samples, saveSamples);
    integrations.recordTest(caller, id, result);
    return result;
  }

  /**
   * The scheduled test: the stored values, the first enabled model; kept in the history, the status
   * as {@link ScheduledStatus} decides.
   *
   * @param hardLimit consecutive hard failures that take the integration out of routing
   * @return the test and the status before and after it
   */
  public ScheduledTest scheduled(Caller caller, String id, int hardLimit) {
    IntegrationStatus before = integrations.visible(caller, id).status;
    ConnectionTestView result = run(caller, id, null, Map.of(), false);
    IntegrationStatus after = integrations.recordScheduledTest(caller, id, result, hardLimit);
    return new ScheduledTest(result, before, after);
  }

  /** A scheduled test's result and what it did to the status. */
  public record ScheduledTest(
      ConnectionTestView result, IntegrationStatus before, IntegrationStatus after) {}

  private ConnectionTestView run(
      Caller caller, String id, String model, Map<String, String> samples, boolean saveSamples) {
    Integration i = integrations.visible(caller, id);
    Optional<IntegrationModel> chosen = choose(i.id, model);
    String modelId = chosen.map(m -> m.modelId).orElse(model);
    ProviderAdapter adapter = adapter(i.providerId);
    Instant started = Instant.now();
    ConnectionTestView result;
    try {
      Map<VariableReference, String> parsed = parse(samples);
      VariableResolver resolver =
          new VariableResolver(variables.lookup(i.workspace)).withSamples(parsed);
      VariableResolver addresses =
          new VariableResolver(variables.plainLookup(i.workspace)).withSamples(parsed);
      if (saveSamples && !parsed.isEmpty()) {
        variables.saveSamples(caller, i.workspace, parsed);
      }
      Endpoint endpoint =
          endpoint(
              i, chosen.orElse(null), modelId, resolver, addresses, ResolutionPhase.DESIGN_TIME);
      result = probe(adapter, endpoint, modelId, started, caller.username());
    } catch (VariablesException | InvalidRequestException e) {
      result =
          new ConnectionTestView(
              started,
              caller.username(),
              false,
              false,
              false,
              false,
              modelId,
              null,
              0,
              "BAD_REQUEST",
              e.getMessage());
    }
    return result;
  }

  private ConnectionTestView probe(
      ProviderAdapter adapter, Endpoint endpoint, String modelId, Instant started, String who) {
    Integer listed = null;
    if (adapter.providers().stream()
        .anyMatch(p -> p.id().equals(endpoint.providerId()) && p.listsModels())) {
      try {
        listed = adapter.listModels(endpoint).size();
      } catch (ProviderException e) {
        ConnectionTestResult failed =
            ConnectionTestResult.failed(e, Duration.between(started, Instant.now()));
        return view(failed, modelId, null, started, who);
      }
    }
    if (modelId == null) {
      return new ConnectionTestView(
          started,
          who,
          listed != null,
          listed != null,
          listed != null,
          false,
          null,
          listed,
          Duration.between(started, Instant.now()).toMillis(),
          listed == null ? "BAD_REQUEST" : null,
          listed == null
              ? "add a model to test this integration"
              : "ok (no model to try: add one)");
    }
    return view(adapter.testConnection(endpoint, modelId), modelId, listed, started, who);
  }

  private static ConnectionTestView view(
      ConnectionTestResult r, String model, Integer listed, Instant at, String who) {
    return new ConnectionTestView(
        at,
        who,
        r.ok(),
        r.reachable(),
        r.authenticated(),
        r.modelAccessible(),
        model,
        listed,
        r.latency().toMillis(),
        r.failureCategory().map(Enum::name).orElse(null),
        r.message());
  }

  /**
   * The endpoint of a runtime call (environment and content variables of the integration's
   * workspace; no context variables).
   */
  public Endpoint runtimeEndpoint(Integration i, IntegrationModel model) {
    try {
      return endpoint(
          i,
          model,
          model.modelId,
          new VariableResolver(variables.lookup(i.workspace)),
          new VariableResolver(variables.plainLookup(i.workspace)),
          ResolutionPhase.RUNTIME);
    } catch (KeyNotBoundException e) {
      throw ProviderException.builder(
              ErrorCategory.PERMISSION,
              "Integration '"
                  + i.name
                  + "' cannot be used: its address no longer resolves to the host its API key was"
                  + " entered for. An admin must enter the key again.")
          .providerCode("key_not_bound")
          .build();
    } catch (InvalidRequestException | VariablesException e) {
      // the integration's configuration does not resolve (a variable not set, a secret where an
      // address goes): this deployment is refused and the route falls back; the message names
      // fields and variables, never a value
      throw ProviderException.builder(
              ErrorCategory.PERMISSION,
              "Integration '" + i.name + "' cannot be used: " + e.getMessage())
          .providerCode("integration_misconfigured")
          .build();
    }
  }

  /**
   * @param resolver resolves credential fields (the API key, header values, auth profiles, a custom
   *     endpoint's template), where secure variables may appear
   * @param addresses resolves every other field, refusing secure variables
   */
  private Endpoint endpoint(
      Integration i,
      IntegrationModel model,
      String modelId,
      VariableResolver resolver,
      VariableResolver addresses,
      ResolutionPhase phase) {
    Endpoint.Timeouts timeouts =
        timeouts(Duration.ofSeconds(i.requestTimeoutSeconds), idleTimeoutSeconds);
    Endpoint.Builder b =
        Endpoint.builder(i.providerId)
            .addressPolicy(
                Integrations.SANDBOX.equals(i.providerId)
                    ? network.sandboxPolicy()
                    : network.policy())
            .baseUrl(resolve(addresses, baseUrl(i), phase))
            .organization(resolve(addresses, i.organization, phase))
            .timeouts(timeouts.connect(), timeouts.idle(), timeouts.total());
    Map<String, String> headers = new java.util.TreeMap<>();
    HeaderCodec.open(sealer, i)
        .forEach(
            (name, value) -> {
              String resolved = resolver.resolve(value, phase);
              dev.switchboard.variables.HeaderRules.check(name, resolved);
              headers.put(name, resolved);
            });
    b.extraHeaders(headers);
    if (i.apiKeySealed != null) {
      b.apiKey(
          resolver.resolve(
              sealer.open(i.apiKeySealed, Integrations.TABLE, i.id, Integrations.API_KEY), phase));
    }
    if (DraftRules.AZURE.equals(i.providerId)) {
      String deployment =
          model != null && model.deploymentId != null
              ? addresses.resolve(model.deploymentId, phase)
              : modelId;
      if (deployment == null) {
        throw new InvalidRequestException(
            "models", "Azure OpenAI needs a model with its deployment id to test");
      }
      b.azure(resolve(addresses, i.azureResource, phase), deployment, i.azureApiVersion);
    }
    if (i.authProfileId != null) {
      b.auth(profileAuth.requestAuth(authProfiles.find(i.authProfileId), resolver, phase));
    }
    if (dev.switchboard.providers.byo.ByoAdapter.ID.equals(i.providerId)) {
      b.byo(customLlms.wire(i, resolver, phase, modelId));
    }
    if (i.awsRegion != null) {
      String sts = resolve(addresses, i.awsStsEndpoint, phase);
      b.aws(
          new Endpoint.Aws(
              i.awsRegion,
              i.awsAccessKeyId,
              resolve(addresses, i.awsRoleArn, phase),
              sts == null ? null : awsUrl(sts),
              i.awsExternalId,
              resolve(addresses, i.awsModelArn, phase),
              i.awsServerIdentity));
    }
    Endpoint endpoint = b.build();
    checkBinding(i, endpoint, !headers.isEmpty());
    return endpoint;
  }

  /**
   * The deadlines of an integration's calls: connect within 10 s, at most {@code idleSeconds} of
   * silence, {@code total} for the whole call; neither of the first two exceeds the total.
   */
  static Endpoint.Timeouts timeouts(Duration total, long idleSeconds) {
    Duration idle = Duration.ofSeconds(Math.max(1, idleSeconds));
    return new Endpoint.Timeouts(min(Duration.ofSeconds(10), total), min(idle, total), total);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /**
   * Refuses an endpoint whose resolved destinations are not all among those its stored credentials
   * were entered for ({@link KeyDestinations}); binds credentials that are not bound yet (rows from
   * before binding, or saved while their address did not resolve) to the first address they resolve
   * to, audited.
   *
   * @throws KeyNotBoundException when the credentials would go to another host
   */
  void checkBinding(Integration i, Endpoint endpoint, boolean sealedHeaders) {
    if (i.apiKeySealed == null && !sealedHeaders) {
      return;
    }
    Set<String> now = destinations(i, endpoint);
    Set<String> bound = KeyDestinations.parse(i.keyHosts);
    if (bound.isEmpty()) {
      integrations.bindKeyHosts(i.id, KeyDestinations.format(now));
      i.keyHosts(KeyDestinations.format(now));
      return;
    }
    if (!bound.containsAll(now)) {
      throw new KeyNotBoundException(bound, now);
    }
  }

  /**
   * Where the integration's credentials would go now, its address fields resolved with the
   * workspace's variables; empty when they do not resolve (a variable not set yet).
   */
  Optional<Set<String>> resolvedDestinations(Integration i) {
    VariableResolver r = new VariableResolver(variables.plainLookup(i.workspace));
    ResolutionPhase phase = ResolutionPhase.RUNTIME;
    try {
      String base = resolve(r, baseUrl(i), phase);
      if (base != null) {
        DraftRules.checkBaseUrl(base);
      }
      Endpoint.Aws aws = null;
      if (i.awsRegion != null) {
        String sts = resolve(r, i.awsStsEndpoint, phase);
        aws =
            new Endpoint.Aws(
                i.awsRegion,
                i.awsAccessKeyId,
                resolve(r, i.awsRoleArn, phase),
                sts == null ? null : awsUrl(sts),
                null,
                null);
      }
      return Optional.of(
          KeyDestinations.of(
              base == null ? null : java.net.URI.create(base.trim()),
              resolve(r, i.azureResource, phase),
              aws,
              integrations.descriptor(i.providerId).defaultBaseUrl()));
    } catch (VariablesException | InvalidRequestException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Where the endpoint's credentials go. */
  Set<String> destinations(Integration i, Endpoint endpoint) {
    return KeyDestinations.of(endpoint, integrations.descriptor(i.providerId).defaultBaseUrl());
  }

  private Optional<IntegrationModel> choose(String integrationId, String model) {
    List<IntegrationModel> models = store.models(integrationId);
    if (model != null && !model.isBlank()) {
      return models.stream().filter(m -> m.modelId.equals(model)).findFirst();
    }
    return models.stream().filter(m -> m.enabled).findFirst();
  }

  /** The adapter of a provider; admin-added ones speak the OpenAI wire. */
  public ProviderAdapter adapter(String providerId) {
    String family = ProviderDescriptor.isCustom(providerId) ? "openai" : providerId;
    return integrations
        .registry()
        .find(family)
        .map(ProviderRegistry.Provider::adapter)
        .orElseThrow(
            () ->
                new InvalidRequestException("providerId", "unknown provider '" + providerId + "'"));
  }

  /** The integration's own base URL, else an admin-added provider's. */
  private String baseUrl(Integration i) {
    if (i.baseUrl != null || !ProviderDescriptor.isCustom(i.providerId)) {
      return i.baseUrl;
    }
    return integrations.descriptor(i.providerId).defaultBaseUrl().toString();
  }

  /** A resolved STS endpoint, checked as a base URL is (the network guard checks its address). */
  private static java.net.URI awsUrl(String value) {
    DraftRules.checkBaseUrl(value);
    return java.net.URI.create(value.trim());
  }

  private static String resolve(VariableResolver resolver, String value, ResolutionPhase phase) {
    return value == null ? null : resolver.resolve(value, phase);
  }

  private static Map<VariableReference, String> parse(Map<String, String> samples) {
    Map<VariableReference, String> parsed = new HashMap<>();
    if (samples != null) {
      samples.forEach(
          (k, v) ->
              parsed.put(VariableReference.parse(k.replace("{{", "").replace("}}", "").trim()), v));
    }
    return parsed;
  }
}
