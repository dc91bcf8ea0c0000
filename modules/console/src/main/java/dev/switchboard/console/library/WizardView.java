package dev.switchboard.console.library;

import dev.switchboard.console.support.ConsoleCaller;
import dev.switchboard.console.support.Messages;
import dev.switchboard.console.usage.LimitForm;
import dev.switchboard.integrations.Caller;
import dev.switchboard.integrations.Catalog;
import dev.switchboard.integrations.ConnectionTestView;
import dev.switchboard.integrations.ConnectionTests;
import dev.switchboard.integrations.CustomLlms;
import dev.switchboard.integrations.IntegrationDraft;
import dev.switchboard.integrations.IntegrationView;
import dev.switchboard.integrations.Integrations;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.integrations.ModelDraft;
import dev.switchboard.integrations.ModelView;
import dev.switchboard.integrations.auth.AuthProfileView;
import dev.switchboard.integrations.auth.AuthProfiles;
import dev.switchboard.integrations.variables.VariableView;
import dev.switchboard.integrations.variables.Variables;
import dev.switchboard.platform.audit.AuditTrail;
import dev.switchboard.providers.AuthStyle;
import dev.switchboard.providers.ProviderDescriptor;
import dev.switchboard.providers.byo.ByoAdapter;
import dev.switchboard.usage.UsageAdmin;
import dev.switchboard.usage.UsageLimit;
import dev.switchboard.variables.Template;
import dev.switchboard.variables.VariableReference;
import dev.switchboard.variables.VariablesException;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.primefaces.PrimeFaces;

/**
 * The configuration wizard, in the order an admin thinks: Authorization, Models, Policy guidelines,
 * Test connection, Token usage limit, Save and confirm. The integration is saved through {@link
 * Integrations} when Authorization is left (a connection test needs a saved integration), and again
 * at the end; every rule is the service's, its refusals show next to the field.
 */
@Named
@ViewScoped
public class WizardView implements Serializable {

  private static final long serialVersionUID = 1L;

  static final int AUTHORIZATION = 0;
  static final int MODELS = 1;
  static final int POLICY = 2;
  static final int TEST = 3;
  static final int LIMIT = 4;
  static final int CONFIRM = 5;

  @Inject Integrations integrations;
  @Inject ConnectionTests tests;
  @Inject Variables variables;
  @Inject Catalog catalog;
  @Inject AuditTrail audit;
  @Inject ConsoleCaller callers;
  @Inject UsageAdmin usage;
  @Inject CustomLlms customLlms;
  @Inject AuthProfiles authProfiles;

  private String providerId;
  private String integrationId;
  private boolean createdHere;
  private int step;

  private String providerName;
  private boolean needsKey;
  private boolean azure;
  private boolean bedrock;
  private boolean byo;
  private String defaultBaseUrl;
  private String storedKey;
  private String workspace;

  private String name;
  private String description;
  private String apiKey;
  private String baseUrl;
  private String organization;
  private String azureResource;
  private String azureApiVersion;
  private Integer requestTimeoutSeconds;
  private Integer maxRetries;
  private Integer rateLimitRpm;
  private String headersText;
  private String storedHeaders;

  private final List<ModelRow> models = new ArrayList<>();
  private String newModelId;
  private String newModelName;
  private String newModelDescription;
  private String newModelDeployment;

  private boolean policyAccepted;
  private IntegrationDraft lastSaved;

  /** Amazon Bedrock's fields (region, access key id, role, ...); the secret is {@code apiKey}. */
  private final AwsForm aws = new AwsForm();

  /** A bring-your-own endpoint's request template, response mapping and streaming. */
  private final CustomLlmForm customLlm = new CustomLlmForm();

  /** The auth profile calls use instead of the key (byo and admin-added providers). */
  private String authProfileId;

  private String savedAuthProfileId;

  private List<SampleValue> samples = new ArrayList<>();
  private boolean saveSamples;
  private String testModel;
  private ConnectionTestView result;

  /** The optional token limit: set through {@link UsageAdmin#saveLimit}; skipped, none is set. */
  private final LimitForm limit = new LimitForm();

  private boolean limitWanted;
  private UsageLimit savedLimit;

  /**
   * Opens the wizard for a provider ({@code ?provider=}) or an integration ({@code ?integration=}).
   */
  public void init() throws IOException {
    if (providerName != null) {
      return;
    }
    Caller caller = callers.caller();
    try {
      if (integrationId != null && !integrationId.isBlank()) {
        IntegrationView i = integrations.get(caller, integrationId);
        providerId = i.providerId();
        fill(i);
        policyAccepted = true;
        usage
            .limit(caller, integrationId)
            .ifPresent(
                l -> {
                  limit.fill(l.limit());
                  savedLimit = l.limit();
                  limitWanted = true;
                });
      } else {
        workspace = caller.workspace();
      }
      ProviderDescriptor p =
          integrations.providers().stream()
              .filter(d -> d.id().equals(providerId))
              .findFirst()
              .orElseThrow(() -> new InvalidRequestException("providerId", "unknown provider"));
      providerName = p.displayName();
      needsKey = p.authStyle() != AuthStyle.OPTIONAL_BEARER;
      azure = "azure-openai".equals(p.id());
      bedrock = p.authStyle() == AuthStyle.AWS_SIGV4;
      byo = ByoAdapter.ID.equals(p.id());
      if (byo && integrationId != null) {
        fillCustomLlm(caller);
      }
      defaultBaseUrl = p.defaultBaseUrl() == null ? null : p.defaultBaseUrl().toString();
      if (integrationId == null) {
        name = p.displayName();
        catalog
            .models(p.id())
            .forEach(
                e ->
                    models.add(
                        new ModelRow(
                            e.model().id(), e.model().displayName(), null, null, false, false)));
      }
    } catch (RuntimeException e) {
      Messages.infoAfterRedirect("That provider or integration is not available");
      FacesContext.getCurrentInstance().getExternalContext().redirect("library.xhtml");
    }
  }

  private void fill(IntegrationView i) {
    name = i.name();
    description = i.description();
    baseUrl = i.baseUrl();
    organization = i.organization();
    azureResource = i.azureResource();
    azureApiVersion = i.azureApiVersion();
    requestTimeoutSeconds = i.requestTimeoutSeconds();
    maxRetries = i.maxRetries();
    rateLimitRpm = i.rateLimitRpm();
    storedKey = i.apiKey();
    workspace = i.workspace();
    aws.fill(i.aws());
    authProfileId = i.authProfileId();
    savedAuthProfileId = authProfileId;
    storedHeaders =
        i.headers() == null || i.headers().isEmpty()
            ? null
            : i.headers().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(java.util.stream.Collectors.joining("\n"));
    lastSaved =
        new IntegrationDraft(
            name,
            description,
            i.providerId(),
            null,
            organization,
            azureResource,
            azureApiVersion,
            baseUrl,
            requestTimeoutSeconds,
            maxRetries,
            rateLimitRpm,
            null,
            null,
            i.aws() == null ? null : aws.settings());
    models.clear();
    Set<String> present = new LinkedHashSet<>();
    for (ModelView m : i.models()) {
      present.add(m.modelId());
      models.add(
          new ModelRow(
              m.modelId(),
              m.displayName(),
              m.description(),
              m.deploymentId(),
              m.custom(),
              m.enabled()));
    }
    catalog.models(i.providerId()).stream()
        .filter(e -> !present.contains(e.model().id()))
        .forEach(
            e ->
                models.add(
                    new ModelRow(
                        e.model().id(), e.model().displayName(), null, null, false, false)));
  }

  private void fillCustomLlm(Caller caller) {
    try {
      customLlm.fill(customLlms.get(caller, integrationId));
    } catch (InvalidRequestException e) {
      // none saved yet: the form shows an example to start from
    }
  }

  // ---- navigation

  public void next() {
    switch (step) {
      case AUTHORIZATION -> {
        if (save() && saveWireAndProfile()) {
          step = MODELS;
        }
      }
      case MODELS -> {
        if (syncModels()) {
          step = POLICY;
        }
      }
      case POLICY -> {
        if (!policyAccepted) {
          FacesContext ctx = FacesContext.getCurrentInstance();
          ctx.addMessage(
              "wizard:policyAccepted",
              new jakarta.faces.application.FacesMessage(
                  jakarta.faces.application.FacesMessage.SEVERITY_ERROR,
                  "Accept the policy guidelines to go on",
                  "Accept the policy guidelines to go on"));
          ctx.validationFailed();
          return;
        }
        audit.record(
            callers.caller().username(),
            "integration.policy-accepted",
            "integration",
            integrationId,
            workspace,
            Map.of("providerId", providerId));
        step = TEST;
      }
      case TEST -> {
        if (result == null) {
          Messages.error("Run the connection test first");
          return;
        }
        if (!result.success()) {
          Messages.info("Saved with a failed connection test: the integration shows red");
        }
        step = LIMIT;
      }
      case LIMIT -> {
        if (limitWanted) {
          UsageLimit saved = limit.save(usage, callers.caller(), integrationId, "wizard");
          if (saved == null) {
            return;
          }
          savedLimit = saved;
          Messages.info("Token limit saved: " + saved.maxTokens() + " tokens per cycle");
        } else if (savedLimit != null) {
          // the box shows whether the integration has a limit: unticked, it has none
          usage.deleteLimit(callers.caller(), integrationId);
          savedLimit = null;
          Messages.info("Token limit removed");
        }
        step = CONFIRM;
      }
      default -> {}
    }
  }

  public void back() {
    if (step > AUTHORIZATION) {
      step--;
    }
  }

  /** After a failed test: back to the fields to fix them. */
  public void fix() {
    step = AUTHORIZATION;
  }

  /** Saves the configuration a last time and goes to the integrations list. */
  public void finish() throws IOException {
    if (!save() || !saveWireAndProfile()) {
      step = AUTHORIZATION;
      return;
    }
    FacesContext.getCurrentInstance()
        .getExternalContext()
        .redirect("integrations.xhtml?saved=" + integrationId);
  }

  /** Leaves the wizard; an integration created by this wizard is deleted again. */
  public void discard() throws IOException {
    if (createdHere && integrationId != null) {
      integrations.delete(callers.caller(), integrationId);
      Messages.infoAfterRedirect("The new integration was discarded");
    }
    FacesContext.getCurrentInstance().getExternalContext().redirect("library.xhtml");
  }

  // ---- saving

  boolean save() {
    IntegrationDraft draft =
        new IntegrationDraft(
            name,
            description,
            providerId,
            blankToNull(apiKey),
            blankToNull(organization),
            blankToNull(azureResource),
            blankToNull(azureApiVersion),
            blankToNull(baseUrl),
            requestTimeoutSeconds,
            maxRetries,
            rateLimitRpm,
            null,
            null,
            bedrock ? aws.settings() : null);
    try {
      draft = withHeaders(draft, headers());
    } catch (InvalidRequestException e) {
      Messages.invalid("wizard", e);
      return false;
    }
    if (integrationId != null && draft.equals(lastSaved)) {
      return true; // unchanged: saving again would only make a tested integration untested
    }
    Caller caller = callers.caller();
    try {
      IntegrationView saved;
      if (integrationId == null) {
        saved = integrations.create(caller, draft);
        integrationId = saved.id();
        createdHere = true;
        Messages.info("Integration " + saved.name() + " created (untested)");
      } else {
        saved = integrations.update(caller, integrationId, draft);
        Messages.info("Integration " + saved.name() + " saved");
      }
      storedKey = saved.apiKey();
      workspace = saved.workspace();
      lastSaved = draft;
      return true;
    } catch (InvalidRequestException e) {
      Messages.invalid("wizard", e);
      return false;
    }
  }

  /**
   * Saves what is not part of the integration's own fields, as the admin API's {@code PUT
   * /integrations/{id}/custom-llm} and {@code /auth-profile} do: a byo endpoint's wire, then the
   * chosen auth profile. Unchanged, neither is saved again.
   */
  boolean saveWireAndProfile() {
    Caller caller = callers.caller();
    try {
      if (byo && customLlm.save(customLlms, caller, integrationId)) {
        Messages.info("Request template and response mapping saved");
        customLlm.getWarnings().forEach(Messages::info);
      }
      if (isTakesAuthProfile() && !Objects.equals(authProfileId, savedAuthProfileId)) {
        IntegrationView saved = integrations.setAuthProfile(caller, integrationId, authProfileId);
        savedAuthProfileId = saved.authProfileId();
        Messages.info(
            savedAuthProfileId == null ? "Auth profile detached" : "Auth profile attached");
      }
      return true;
    } catch (InvalidRequestException e) {
      Messages.invalid("wizard", e);
      return false;
    }
  }

  /**
   * The extra headers typed as {@code Name: value} lines; {@code null} when none are typed (on an
   * update: keep the stored ones). The service checks names and values.
   */
  Map<String, String> headers() {
    if (headersText == null || headersText.isBlank()) {
      return null;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : headersText.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 1) {
        throw new InvalidRequestException("headers", "write one header a line as Name: value");
      }
      headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
    }
    return headers;
  }

  private static IntegrationDraft withHeaders(IntegrationDraft d, Map<String, String> headers) {
    return new IntegrationDraft(
        d.name(),
        d.description(),
        d.providerId(),
        d.apiKey(),
        d.organization(),
        d.azureResource(),
        d.azureApiVersion(),
        d.baseUrl(),
        d.requestTimeoutSeconds(),
        d.maxRetries(),
        d.rateLimitRpm(),
        d.models(),
        headers,
        d.aws());
  }

  /** Adds missing models and applies the toggles through the service. */
  boolean syncModels() {
    Caller caller = callers.caller();
    try {
      IntegrationView current = integrations.get(caller, integrationId);
      Map<String, Boolean> stored = new LinkedHashMap<>();
      current.models().forEach(m -> stored.put(m.modelId(), m.enabled()));
      int changes = 0;
      for (ModelRow row : models) {
        Boolean was = stored.get(row.getModelId());
        if (was == null && (row.isEnabled() || row.isAdded())) {
          integrations.addModel(
              caller,
              integrationId,
              new ModelDraft(
                  row.getModelId(),
                  row.getDisplayName(),
                  row.getDescription(),
                  row.getDeploymentId(),
                  row.isEnabled()));
          changes++;
        } else if (was != null && was != row.isEnabled()) {
          integrations.setModelEnabled(caller, integrationId, row.getModelId(), row.isEnabled());
          changes++;
        }
      }
      if (changes > 0) {
        Messages.info("Models saved");
      }
      return true;
    } catch (InvalidRequestException e) {
      Messages.invalid("wizard", e);
      return false;
    }
  }

  /** "+ Add": a model the catalog may not know; saved with the other models on Next. */
  public void addModel() {
    if (newModelId == null || newModelId.isBlank()) {
      Messages.invalid(
          "add-model-form", new InvalidRequestException("newModelId", "modelId is required"));
      return;
    }
    String id = newModelId.trim();
    if (models.stream().anyMatch(m -> m.getModelId().equals(id))) {
      Messages.invalid(
          "add-model-form",
          new InvalidRequestException("newModelId", "the integration already has this model"));
      return;
    }
    models.add(
        new ModelRow(
            id,
            blankToNull(newModelName),
            blankToNull(newModelDescription),
            blankToNull(newModelDeployment),
            true,
            true));
    Messages.info("Model " + id + " added; Next saves it");
    newModelId = null;
    newModelName = null;
    newModelDescription = null;
    newModelDeployment = null;
    PrimeFaces.current().executeScript("PF('addModel').hide()");
  }

  // ---- connection test

  /** Opens the sample-values pop-up when the configuration uses variables, else tests at once. */
  public void prepareTest() {
    List<String> refs = referencesUsed();
    if (refs.isEmpty()) {
      samples = new ArrayList<>();
      runTest();
      return;
    }
    samples = refs.stream().map(SampleValue::new).toList();
    samples = new ArrayList<>(samples);
    PrimeFaces.current().executeScript("PF('samples').show()");
  }

  public void runTest() {
    Map<String, String> values = new LinkedHashMap<>();
    samples.stream()
        .filter(s -> s.getValue() != null && !s.getValue().isEmpty())
        .forEach(s -> values.put(s.getReference(), s.getValue()));
    try {
      result =
          tests.test(
              callers.caller(),
              integrationId,
              blankToNull(testModel),
              values,
              saveSamples && !values.isEmpty());
      if (result.success()) {
        Messages.info("Connection test passed");
      } else {
        Messages.error("Connection test failed: " + result.message());
      }
      if (saveSamples && !values.isEmpty()) {
        Messages.info("Sample values saved as secure variables");
      }
      PrimeFaces.current().executeScript("PF('samples').hide()");
    } catch (InvalidRequestException | VariablesException e) {
      Messages.error(e.getMessage());
    }
  }

  /**
   * The variable references the configuration uses: in the fields typed here and, for a stored API
   * key the console never sees, the variables the service says this integration uses.
   */
  List<String> referencesUsed() {
    Set<String> refs = new LinkedHashSet<>();
    List<String> fields = new ArrayList<>();
    fields.add(apiKey);
    fields.add(baseUrl);
    fields.add(organization);
    fields.add(azureResource);
    if (bedrock) {
      fields.addAll(aws.variableFields());
    }
    models.stream().filter(ModelRow::isEnabled).forEach(m -> fields.add(m.getDeploymentId()));
    try {
      Map<String, String> typed = headers();
      if (typed != null) {
        fields.addAll(typed.values());
      }
    } catch (InvalidRequestException e) {
      // reported when the configuration is saved
    }
    for (String f : fields) {
      if (f == null || f.isBlank()) {
        continue;
      }
      try {
        Template.parse(f).references().stream().map(VariableReference::toString).forEach(refs::add);
      } catch (VariablesException e) {
        // the service reports a malformed reference when it resolves the field
      }
    }
    if (byo) {
      refs.addAll(customLlm.variables());
    }
    if (integrationId != null) {
      variables.list(callers.caller()).stream()
          .filter(v -> v.usedBy().contains(integrationId))
          .map(VariableView::reference)
          .forEach(refs::add);
    }
    return List.copyOf(refs);
  }

  // ---- the variable picker

  private final Map<String, String> picked = new java.util.HashMap<>();

  public Map<String, String> getPicked() {
    return picked;
  }

  /** Puts the reference chosen in a field's picker into the field. */
  public void usePicked(String field) {
    String ref = picked.remove(field);
    if (ref == null || ref.isBlank()) {
      return;
    }
    switch (field) {
      case "apiKey" -> apiKey = ref;
      case "baseUrl" -> baseUrl = ref;
      case "organization" -> organization = ref;
      case "azureResource" -> azureResource = ref;
      case "newModelDeployment" -> newModelDeployment = ref;
      default -> {
        if (!aws.use(field, ref)) {
          throw new IllegalArgumentException("no variable field " + field);
        }
      }
    }
  }

  /** References of the variables the integration's workspace has, for the pickers. */
  public List<String> getVariableChoices() {
    String ws = workspace == null ? callers.caller().workspace() : workspace;
    return variables.list(callers.caller()).stream()
        .filter(v -> v.workspace().equals(ws))
        .map(v -> "{{" + v.reference() + "}}")
        .toList();
  }

  public List<String> getEnabledModelIds() {
    return models.stream().filter(ModelRow::isEnabled).map(ModelRow::getModelId).toList();
  }

  public String getTestStatusColor() {
    return result == null ? "" : result.success() ? "green" : "red";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  // ---- accessors

  public String getProviderId() {
    return providerId;
  }

  public void setProviderId(String providerId) {
    this.providerId = providerId;
  }

  public String getIntegrationId() {
    return integrationId;
  }

  public void setIntegrationId(String integrationId) {
    this.integrationId = integrationId;
  }

  public int getStep() {
    return step;
  }

  public String getProviderName() {
    return providerName;
  }

  public boolean isNeedsKey() {
    return needsKey;
  }

  public boolean isAzure() {
    return azure;
  }

  public boolean isBedrock() {
    return bedrock;
  }

  public boolean isByo() {
    return byo;
  }

  /** Whether the provider takes an auth profile: byo and admin-added OpenAI-compatible ones. */
  public boolean isTakesAuthProfile() {
    return byo || ProviderDescriptor.isCustom(providerId);
  }

  /** The auth profiles of the integration's workspace, for the select. */
  public List<AuthProfileView> getAuthProfileChoices() {
    String ws = workspace == null ? callers.caller().workspace() : workspace;
    return authProfiles.list(callers.caller()).stream()
        .filter(p -> p.workspace().equals(ws))
        .toList();
  }

  /** The chosen profile's name as the confirmation shows it. */
  public String getAuthProfileName() {
    return authProfileId == null
        ? "none"
        : getAuthProfileChoices().stream()
            .filter(p -> p.id().equals(authProfileId))
            .map(AuthProfileView::name)
            .findFirst()
            .orElse(authProfileId);
  }

  public String getAuthProfileId() {
    return authProfileId;
  }

  public void setAuthProfileId(String authProfileId) {
    this.authProfileId = authProfileId == null || authProfileId.isBlank() ? null : authProfileId;
  }

  public AwsForm getAws() {
    return aws;
  }

  public CustomLlmForm getCustomLlm() {
    return customLlm;
  }

  public boolean isOpenAi() {
    return "openai".equals(providerId);
  }

  public String getDefaultBaseUrl() {
    return defaultBaseUrl;
  }

  public String getStoredKey() {
    return storedKey;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getOrganization() {
    return organization;
  }

  public void setOrganization(String organization) {
    this.organization = organization;
  }

  public String getAzureResource() {
    return azureResource;
  }

  public void setAzureResource(String azureResource) {
    this.azureResource = azureResource;
  }

  public String getAzureApiVersion() {
    return azureApiVersion;
  }

  public void setAzureApiVersion(String azureApiVersion) {
    this.azureApiVersion = azureApiVersion;
  }

  public Integer getRequestTimeoutSeconds() {
    return requestTimeoutSeconds;
  }

  public void setRequestTimeoutSeconds(Integer requestTimeoutSeconds) {
    this.requestTimeoutSeconds = requestTimeoutSeconds;
  }

  public Integer getMaxRetries() {
    return maxRetries;
  }

  public void setMaxRetries(Integer maxRetries) {
    this.maxRetries = maxRetries;
  }

  public Integer getRateLimitRpm() {
    return rateLimitRpm;
  }

  public void setRateLimitRpm(Integer rateLimitRpm) {
    this.rateLimitRpm = rateLimitRpm;
  }

  public String getHeadersText() {
    return headersText;
  }

  public void setHeadersText(String headersText) {
    this.headersText = headersText;
  }

  public String getStoredHeaders() {
    return storedHeaders;
  }

  public List<ModelRow> getModels() {
    return models;
  }

  public String getNewModelId() {
    return newModelId;
  }

  public void setNewModelId(String newModelId) {
    this.newModelId = newModelId;
  }

  public String getNewModelName() {
    return newModelName;
  }

  public void setNewModelName(String newModelName) {
    this.newModelName = newModelName;
  }

  public String getNewModelDescription() {
    return newModelDescription;
  }

  public void setNewModelDescription(String newModelDescription) {
    this.newModelDescription = newModelDescription;
  }

  public String getNewModelDeployment() {
    return newModelDeployment;
  }

  public void setNewModelDeployment(String newModelDeployment) {
    this.newModelDeployment = newModelDeployment;
  }

  public boolean isPolicyAccepted() {
    return policyAccepted;
  }

  public void setPolicyAccepted(boolean policyAccepted) {
    this.policyAccepted = policyAccepted;
  }

  public List<SampleValue> getSamples() {
    return samples;
  }

  public boolean isSaveSamples() {
    return saveSamples;
  }

  public void setSaveSamples(boolean saveSamples) {
    this.saveSamples = saveSamples;
  }

  public String getTestModel() {
    return testModel;
  }

  public void setTestModel(String testModel) {
    this.testModel = testModel;
  }

  public LimitForm getLimit() {
    return limit;
  }

  public boolean isLimitWanted() {
    return limitWanted;
  }

  public void setLimitWanted(boolean limitWanted) {
    this.limitWanted = limitWanted;
  }

  /** The limit as the confirmation shows it. */
  public String getLimitSummary() {
    if (savedLimit == null) {
      return "none";
    }
    return savedLimit.maxTokens()
        + " tokens every "
        + savedLimit.cycleDays()
        + " days, "
        + (savedLimit.enforcing() ? "enforced" : "notify only")
        + ", thresholds "
        + savedLimit.thresholds()
        + "%";
  }

  public ConnectionTestView getResult() {
    return result;
  }
}
