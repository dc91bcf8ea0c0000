package dev.switchboard.integrations;

import static dev.switchboard.integrations.DraftRules.blank;

import dev.switchboard.integrations.secrets.SecretSealer;
import dev.switchboard.platform.audit.AuditTrail;
import dev.switchboard.providers.ProviderDescriptor;
import dev.switchboard.providers.ProviderRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The integrations boundary: create, read, change, reset and delete integrations, with the access
 * rules (users see only their own, admins all, an id from elsewhere is "not found") and an audit
 * entry for every change, in the change's own transaction.
 */
@ApplicationScoped
public class Integrations {

  static final String TABLE = "sb_integration";
  static final String API_KEY = "api_key";

  /** The built-in sandbox's provider: the simulator inside the server. */
  public static final String SANDBOX = "sandbox";

  /** The actor of changes the server makes itself. */
  public static final String SYSTEM = "system";

  @Inject IntegrationStore store;
  @Inject SecretSealer sealer;
  @Inject AuditTrail audit;
  @Inject Event<IntegrationRemoved> removed;
  @Inject CustomProviders customProviders;
  @Inject dev.switchboard.integrations.auth.AuthProfiles authProfiles;
  @Inject ConnectionTests connections;
  @Inject SecretReferences secretReferences;

  private final ProviderRegistry registry = ProviderRegistry.load();

  /** Built-in providers, then the ones admins added. */
  public List<ProviderDescriptor> providers() {
    List<ProviderDescriptor> all =
        new java.util.ArrayList<>(
            registry.providers().stream().map(ProviderRegistry.Provider::descriptor).toList());
    all.addAll(customProviders.list());
    return all;
  }

  /** Adds an OpenAI-compatible provider by base URL. */
  public ProviderDescriptor addProvider(Caller caller, CustomProviderDraft d) {
    boolean builtIn =
        d != null
            && d.id() != null
            && registry.find(ProviderDescriptor.CUSTOM_PREFIX + d.id()).isPresent();
    return customProviders.add(caller.username(), d, builtIn);
  }

  public ProviderRegistry registry() {
    return registry;
  }

  public List<IntegrationView> list(Caller caller) {
    return store.list(caller.admin() ? null : caller.username()).stream().map(this::view).toList();
  }

  /** The enabled models of every integration in a workspace, each once per provider. */
  public List<WorkspaceModel> enabledModels(String workspace) {
    return store.list(null).stream()
        .filter(i -> i.workspace.equals(workspace))
        .flatMap(
            i ->
                store.models(i.id).stream()
                    .filter(m -> m.enabled)
                    .map(
                        m ->
                            new WorkspaceModel(
                                i.id, i.providerId, m.modelId, instant(i.createdAt))))
        .filter(distinctBy())
        .toList();
  }

  private static java.util.function.Predicate<WorkspaceModel> distinctBy() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    return m -> seen.add(m.providerId() + "/" + m.modelId());
  }

  public IntegrationView get(Caller caller, String id) {
    return view(visible(caller, id));
  }

  @Transactional
  public IntegrationView create(Caller caller, IntegrationDraft d) {
    if (blank(d.providerId())) {
      throw new InvalidRequestException("providerId", "providerId is required");
    }
    ProviderDescriptor provider = descriptor(d.providerId());
    refuseSandboxChange(caller, provider.id());
    DraftRules.checkNew(d, provider);
    ServerIdentityRule.check(caller, d, null);
    if (store.nameTaken(caller.workspace(), d.name(), null)) {
      throw new InvalidRequestException("name", "an integration with this name exists");
    }
    Integration i =
        new Integration(
            UUID.randomUUID().toString(),
            provider.id(),
            caller.username(),
            caller.workspace(),
            now());
    secretReferences.check(caller, caller.workspace(), d);
    apply(i, d);
    bindCredentials(i);
    store.persist(i);
    if (d.models() != null) {
      d.models().forEach(m -> store.persist(new IntegrationModel(uuid(), i.id, m, false)));
    }
    audit.record(
        caller.username(),
        "integration.created",
        "integration",
        i.id,
        i.workspace,
        AuditDetails.describe(d));
    return view(i);
  }

  @Transactional
  public IntegrationView update(Caller caller, String id, IntegrationDraft d) {
    Integration i = visible(caller, id);
    refuseSandboxChange(caller, i.providerId);
    if (!blank(d.providerId()) && !d.providerId().equals(i.providerId)) {
      throw new InvalidRequestException(
          "providerId", "the provider of an integration cannot change");
    }
    DraftRules.checkCommon(d);
    ServerIdentityRule.check(caller, d, i);
    DraftRules.checkAws(d, descriptor(i.providerId), i.apiKeySealed != null, i.awsServerIdentity);
    secretReferences.check(caller, i.workspace, d);
    AwsSettings aws = d.aws();
    boolean addressChanged =
        !Objects.equals(emptyToNull(d.baseUrl()), i.baseUrl)
            || !Objects.equals(emptyToNull(d.azureResource()), i.azureResource)
            || aws != null
                && (!Objects.equals(emptyToNull(aws.accessKeyId()), i.awsAccessKeyId)
                    || !Objects.equals(emptyToNull(aws.stsEndpoint()), i.awsStsEndpoint)
                    || !Objects.equals(emptyToNull(aws.region()), i.awsRegion));
    if (addressChanged && i.apiKeySealed != null && blank(d.apiKey())) {
      throw new InvalidRequestException(
          "apiKey",
          "changing the base URL, resource, region, STS endpoint or access key id requires the"
              + " API key again");
    }
    if (addressChanged && i.authProfileId != null) {
      throw new InvalidRequestException(
          "baseUrl",
          "detach the auth profile before changing the address, then attach it again, so its"
              + " credentials are not sent to a new host unnoticed");
    }
    if (store.nameTaken(i.workspace, d.name(), i.id)) {
      throw new InvalidRequestException("name", "an integration with this name exists");
    }
    Map<String, Object> before = AuditDetails.snapshot(i);
    apply(i, d);
    if (!blank(d.apiKey())) {
      bindCredentials(i);
    } else {
      refuseMovedCredentials(i);
    }
    store.merge(i);
    audit.record(
        caller.username(),
        "integration.updated",
        "integration",
        i.id,
        i.workspace,
        AuditDetails.changes(before, AuditDetails.snapshot(i), !blank(d.apiKey())));
    return view(i);
  }

  @Transactional
  public IntegrationView addModel(Caller caller, String id, ModelDraft m) {
    Integration i = visible(caller, id);
    DraftRules.checkModel("", m);
    if (store.model(i.id, m.modelId()).isPresent()) {
      throw new InvalidRequestException("modelId", "the integration already has this model");
    }
    store.persist(new IntegrationModel(uuid(), i.id, m, true));
    touch(i);
    audit.record(
        caller.username(),
        "integration.model-added",
        "integration",
        i.id,
        i.workspace,
        AuditDetails.of(m));
    return view(i);
  }

  @Transactional
  public IntegrationView setModelEnabled(
      Caller caller, String id, String modelId, boolean enabled) {
    Integration i = visible(caller, id);
    IntegrationModel model =
        store
            .model(i.id, modelId)
            .orElseThrow(
                () -> new InvalidRequestException("modelId", "no such model on this integration"));
    model.enable(enabled);
    touch(i);
    audit.record(
        caller.username(),
        enabled ? "integration.model-enabled" : "integration.model-disabled",
        "integration",
        i.id,
        i.workspace,
        Map.of("modelId", modelId));
    return view(i);
  }

  /**
   * Creates or updates the built-in sandbox integration in a workspace: the simulator at {@code
   * baseUrl}, its key sealed like any other, the given models enabled.
   */
  @Transactional
  public IntegrationView ensureSandbox(
      String workspace, String baseUrl, String simulatorKey, List<String> models) {
    Caller system = new Caller(SYSTEM, true, workspace);
    Integration existing =
        store.list(null).stream()
            .filter(i -> SANDBOX.equals(i.providerId) && i.workspace.equals(workspace))
            .findFirst()
            .orElse(null);
    List<ModelDraft> drafts =
        models.stream().map(m -> new ModelDraft(m, m + " (simulated)", null, null, true)).toList();
    IntegrationDraft d =
        new IntegrationDraft(
            "Sandbox (simulated)",
            "Simulated replies from the simulator inside this server, for trying Switchboard out."
                + " Not a real model.",
            SANDBOX,
            simulatorKey,
            null,
            null,
            null,
            baseUrl,
            30,
            0,
            null,
            existing == null ? drafts : null,
            null,
            null);
    if (existing == null) {
      return create(system, d);
    }
    IntegrationView v = update(system, existing.id, d);
    for (String m : models) {
      if (store.model(existing.id, m).isEmpty()) {
        store.persist(
            new IntegrationModel(
                uuid(),
                existing.id,
                new ModelDraft(m, m + " (simulated)", null, null, true),
                false));
      }
    }
    return v;
  }

  private static void refuseSandboxChange(Caller caller, String providerId) {
    if (SANDBOX.equals(providerId) && !SYSTEM.equals(caller.username())) {
      throw new InvalidRequestException(
          "providerId",
          "The sandbox integration is built in: it can be reset or deleted, not created or"
              + " changed.");
    }
  }

  /**
   * Attaches an auth profile of the integration's workspace ({@code null} detaches it). Only
   * bring-your-own and admin-added OpenAI-compatible integrations take one: built-in providers have
   * one way to authenticate.
   */
  @Transactional
  public IntegrationView setAuthProfile(Caller caller, String id, String profileId) {
    Integration i = visible(caller, id);
    if (!dev.switchboard.providers.byo.ByoAdapter.ID.equals(i.providerId)
        && !ProviderDescriptor.isCustom(i.providerId)) {
      throw new InvalidRequestException(
          "authProfileId",
          "auth profiles apply to custom LLM (byo) and admin-added OpenAI-compatible integrations");
    }
    String name = null;
    if (!blank(profileId)) {
      name = authProfiles.attachable(caller, profileId.trim(), i.workspace).name();
    }
    i.authProfile(blank(profileId) ? null : profileId.trim(), now());
    store.merge(i);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("authProfileId", i.authProfileId == null ? "none" : i.authProfileId);
    AuditDetails.putIf(details, "authProfile", name);
    audit.record(
        caller.username(),
        "integration.auth-profile-set",
        "integration",
        i.id,
        i.workspace,
        details);
    return view(i);
  }

  /** Deletes the integration and everything configured on it. */
  @Transactional
  public void delete(Caller caller, String id) {
    Integration i = visible(caller, id);
    store.removeConfiguration(i.id, true);
    audit.record(
        caller.username(),
        "integration.deleted",
        "integration",
        i.id,
        i.workspace,
        Map.of("name", i.name, "providerId", i.providerId));
    removed.fire(new IntegrationRemoved(i.id, false));
  }

  /** Keeps the integration but removes its credentials, address, models and test history. */
  @Transactional
  public IntegrationView reset(Caller caller, String id) {
    Integration i = visible(caller, id);
    store.removeConfiguration(i.id, false);
    i.clearConfiguration(now());
    store.merge(i);
    audit.record(
        caller.username(),
        "integration.reset",
        "integration",
        i.id,
        i.workspace,
        Map.of("name", i.name));
    removed.fire(new IntegrationRemoved(i.id, true));
    return view(i);
  }

  /** Keeps a test in the history and sets the status from it, with its audit entry. */
  @Transactional
  public void recordTest(Caller caller, String id, ConnectionTestView result) {
    Integration i = visible(caller, id);
    store.persist(new ConnectionTestRecord(i.id, caller.username(), result));
    i.tested(
        LocalDateTime.ofInstant(result.testedAt(), ZoneOffset.UTC),
        result.success(),
        result.message());
    store.merge(i);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("success", result.success());
    AuditDetails.putIf(details, "model", result.model());
    AuditDetails.putIf(details, "errorCategory", result.errorCategory());
    audit.record(
        caller.username(), "integration.tested", "integration", i.id, i.workspace, details);
  }

  /**
   * Records a scheduled test: kept in the history like any test, the status as {@link
   * ScheduledStatus} decides (a failure warns; {@code hardLimit} consecutive hard failures make
   * ERROR).
   *
   * @return the integration's status after the test
   */
  @Transactional
  public IntegrationStatus recordScheduledTest(
      Caller caller, String id, ConnectionTestView result, int hardLimit) {
    Integration i = visible(caller, id);
    IntegrationStatus before = i.status;
    List<ConnectionTestView> latest = new java.util.ArrayList<>();
    latest.add(result);
    if (hardLimit > 1) {
      store.tests(i.id, hardLimit - 1).stream()
          .map(ConnectionTestRecord::view)
          .forEach(latest::add);
    }
    store.persist(new ConnectionTestRecord(i.id, caller.username(), result));
    IntegrationStatus after = ScheduledStatus.next(before, latest, hardLimit);
    i.tested(
        LocalDateTime.ofInstant(result.testedAt(), ZoneOffset.UTC),
        result.success(),
        result.message(),
        after);
    store.merge(i);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("success", result.success());
    details.put("scheduled", true);
    details.put("status", after.name());
    AuditDetails.putIf(details, "model", result.model());
    AuditDetails.putIf(details, "errorCategory", result.errorCategory());
    audit.record(
        caller.username(), "integration.tested", "integration", i.id, i.workspace, details);
    return after;
  }

  public List<ConnectionTestView> history(Caller caller, String id, int limit) {
    Integration i = visible(caller, id);
    return store.tests(i.id, limit).stream().map(ConnectionTestRecord::view).toList();
  }

  /**
   * Binds freshly entered credentials to the hosts the integration's address resolves to now; left
   * unbound (bound on first use) when a variable in the address is not set yet.
   */
  private void bindCredentials(Integration i) {
    i.keyHosts(connections.resolvedDestinations(i).map(KeyDestinations::format).orElse(null));
  }

  /**
   * Refuses an update that keeps the stored credentials while their resolved destination moves (the
   * template text may be unchanged while a variable behind it changed, or the reverse).
   */
  private void refuseMovedCredentials(Integration i) {
    java.util.Set<String> bound = KeyDestinations.parse(i.keyHosts);
    if (bound.isEmpty()) {
      return;
    }
    connections
        .resolvedDestinations(i)
        .filter(now -> !bound.containsAll(now))
        .ifPresent(
            now -> {
              throw new KeyNotBoundException(bound, now);
            });
  }

  /**
   * Binds an integration's unbound credentials to the destinations they were first used with (rows
   * from before binding existed, or saved while a variable in the address was not set), audited.
   */
  @Transactional
  public void bindKeyHosts(String id, String hosts) {
    store
        .find(id)
        .filter(i -> i.keyHosts == null)
        .ifPresent(
            i -> {
              i.keyHosts(hosts);
              store.merge(i);
              audit.record(
                  SYSTEM,
                  "integration.key-bound",
                  "integration",
                  i.id,
                  i.workspace,
                  Map.of("hosts", hosts == null ? "none" : hosts));
            });
  }

  /** The integration if the caller may see it; otherwise "not found", whatever the reason. */
  Integration visible(Caller caller, String id) {
    return store
        .find(id)
        .filter(i -> caller.canSee(i.owner))
        .orElseThrow(() -> new IntegrationNotFoundException(id));
  }

  ProviderDescriptor descriptor(String providerId) {
    return registry
        .find(providerId)
        .map(ProviderRegistry.Provider::descriptor)
        .or(() -> customProviders.find(providerId))
        .orElseThrow(
            () ->
                new InvalidRequestException("providerId", "unknown provider '" + providerId + "'"));
  }

  private void apply(Integration i, IntegrationDraft d) {
    String sealed = blank(d.apiKey()) ? null : sealer.seal(d.apiKey().trim(), TABLE, i.id, API_KEY);
    i.configure(d, sealed, now());
    if (d.headers() != null) {
      HeaderCodec.check(d.headers());
      i.headers(HeaderCodec.seal(sealer, i.id, d.headers()));
    }
  }

  private void touch(Integration i) {
    i.touched(now());
    store.merge(i);
  }

  IntegrationView view(Integration i) {
    String maskedKey =
        i.apiKeySealed == null
            ? null
            : SecretSealer.mask(sealer.open(i.apiKeySealed, TABLE, i.id, API_KEY));
    return new IntegrationView(
        i.id,
        i.name,
        i.description,
        i.providerId,
        i.owner,
        i.workspace,
        i.status,
        maskedKey,
        i.organization,
        i.azureResource,
        i.azureApiVersion,
        i.baseUrl,
        i.requestTimeoutSeconds,
        i.maxRetries,
        i.rateLimitRpm,
        HeaderCodec.masked(sealer, i),
        i.aws() == null ? null : i.aws().masked(),
        store.models(i.id).stream().map(IntegrationModel::view).toList(),
        instant(i.lastTestAt),
        i.lastTestOk,
        i.lastTestMessage,
        instant(i.createdAt),
        instant(i.updatedAt),
        i.authProfileId);
  }

  static String emptyToNull(String s) {
    return blank(s) ? null : s.trim();
  }

  static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC);
  }

  static java.time.Instant instant(LocalDateTime t) {
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }
}
