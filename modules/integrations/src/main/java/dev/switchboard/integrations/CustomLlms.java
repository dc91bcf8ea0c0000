package dev.switchboard.integrations;

import dev.switchboard.platform.audit.AuditTrail;
import dev.switchboard.providers.byo.ByoAdapter;
import dev.switchboard.providers.byo.ByoWire;
import dev.switchboard.providers.byo.RequestTemplate;
import dev.switchboard.variables.ResolutionPhase;
import dev.switchboard.variables.VariableResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire of bring-your-own integrations (provider {@code byo}): read, set (checked, audited) and
 * turned into the adapter's {@link ByoWire} for a call, with the template's variables resolved
 * under the same rules as every other field.
 */
@ApplicationScoped
public class CustomLlms {

  static final String UNTRACKED =
      "the response mapping has no token paths: this integration's usage is estimated (about four"
          + " characters a token), not tracked exactly";

  @PersistenceContext(unitName = "switchboard-integrations")
  EntityManager em;

  @Inject Integrations integrations;
  @Inject AuditTrail audit;

  @Transactional
  public CustomLlmView get(Caller caller, String integrationId) {
    Integration i = byo(caller, integrationId);
    CustomLlm c = em.find(CustomLlm.class, i.id);
    if (c == null) {
      throw new InvalidRequestException(
          "requestTemplate", "this integration has no template and mapping yet: PUT them");
    }
    return view(c);
  }

  @Transactional
  public CustomLlmView set(Caller caller, String integrationId, CustomLlmDraft d) {
    Integration i = byo(caller, integrationId);
    CustomLlmRules.Checked checked = CustomLlmRules.check(d);
    CustomLlm c = em.find(CustomLlm.class, i.id);
    boolean created = c == null;
    if (created) {
      c = new CustomLlm(i.id);
    }
    c.configure(checked, Integrations.now());
    if (created) {
      em.persist(c);
    }
    i.touched(Integrations.now());
    em.merge(i);
    CustomLlmView view = view(c);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("textPath", checked.response().textPath());
    details.put("usageTracked", view.usageTracked());
    details.put("stream", checked.stream() == null ? "none" : checked.stream().format());
    details.put("templateVariables", String.join(",", view.variables()));
    details.put("testPayload", checked.testPayload() != null);
    audit.record(
        caller.username(), "integration.custom-llm-set", "integration", i.id, i.workspace, details);
    return view;
  }

  /**
   * The wire of a call to the integration.
   *
   * @param model the model the connection test uses with the saved test payload, or {@code null}
   * @throws InvalidRequestException when the integration has no template and mapping yet
   */
  @Transactional
  public ByoWire wire(
      Integration i, VariableResolver resolver, ResolutionPhase phase, String model) {
    CustomLlm c = em.find(CustomLlm.class, i.id);
    if (c == null) {
      throw new InvalidRequestException(
          "requestTemplate", "this custom LLM integration has no template and mapping yet");
    }
    RequestTemplate template = RequestTemplate.parse(c.requestTemplate);
    Map<String, String> values = new LinkedHashMap<>();
    for (String variable : template.variables()) {
      values.put(variable, resolver.resolve("{{" + variable + "}}", phase));
    }
    return CustomLlmRules.wire(c, values, model);
  }

  private Integration byo(Caller caller, String integrationId) {
    Integration i = integrations.visible(caller, integrationId);
    if (!ByoAdapter.ID.equals(i.providerId)) {
      throw new InvalidRequestException(
          "providerId", "only custom LLM integrations (provider byo) have a template and mapping");
    }
    return i;
  }

  private static CustomLlmView view(CustomLlm c) {
    CustomLlmDraft.Mapping mapping =
        new CustomLlmDraft.Mapping(
            c.textPath, c.finishReasonPath, c.inputTokensPath, c.outputTokensPath);
    CustomLlmDraft.Streaming stream =
        c.streamFormat == null
            ? null
            : new CustomLlmDraft.Streaming(
                c.streamFormat,
                c.streamDeltaPath,
                c.streamFinishReasonPath,
                c.streamInputTokensPath,
                c.streamOutputTokensPath);
    boolean tracked = c.inputTokensPath != null || c.outputTokensPath != null;
    List<String> warnings = new java.util.ArrayList<>();
    if (!tracked) {
      warnings.add(UNTRACKED);
    }
    if (stream != null && stream.inputTokensPath() == null && stream.outputTokensPath() == null) {
      warnings.add("the stream mapping has no token paths: streamed usage is estimated");
    }
    return new CustomLlmView(
        c.integrationId,
        c.requestTemplate,
        RequestTemplate.parse(c.requestTemplate).variables(),
        mapping,
        stream,
        c.testPayload,
        tracked,
        List.copyOf(warnings));
  }
}
