package dev.switchboard.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.switchboard.integrations.ConfigDocument.ImportReport;
import dev.switchboard.integrations.ConfigDocument.IntegrationEntry;
import dev.switchboard.integrations.ConfigDocument.ModelEntry;
import dev.switchboard.integrations.ConfigDocument.VariableEntry;
import dev.switchboard.integrations.secrets.SecretSealer;
import dev.switchboard.integrations.variables.VariableDraft;
import dev.switchboard.integrations.variables.VariableView;
import dev.switchboard.integrations.variables.Variables;
import dev.switchboard.variables.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exports integrations and variables to YAML and imports them back. A literal API key is never
 * exported: the entry names a variable ({@code {{env.<NAME>_API_KEY}}}) that must hold it where the
 * document is imported. Imports create or update by name, in one transaction.
 */
@ApplicationScoped
public class ConfigPortability {

  private static final ObjectMapper YAML =
      new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  @Inject Integrations integrations;
  @Inject IntegrationStore store;
  @Inject Variables variables;
  @Inject SecretSealer sealer;

  public String export(Caller caller) {
    List<IntegrationEntry> entries = new ArrayList<>();
    for (Integration i : store.list(caller.admin() ? null : caller.username())) {
      List<ModelEntry> models =
          store.models(i.id).stream()
              .map(
                  m ->
                      new ModelEntry(
                          m.modelId, m.displayName, m.description, m.deploymentId, m.enabled))
              .toList();
      entries.add(
          new IntegrationEntry(
              i.name,
              i.providerId,
              i.description,
              keyReference(i),
              i.organization,
              i.azureResource,
              i.azureApiVersion,
              i.baseUrl,
              i.requestTimeoutSeconds,
              i.maxRetries,
              i.rateLimitRpm,
              headerReferences(i),
              models,
              i.aws()));
    }
    List<VariableEntry> vars =
        variables.list(caller).stream()
            .map(
                v ->
                    new VariableEntry(
                        v.scope(),
                        v.name(),
                        v.secure() ? Boolean.TRUE : null,
                        v.secure() ? null : v.value(),
                        v.description()))
            .toList();
    try {
      return YAML.writeValueAsString(new ConfigDocument(ConfigDocument.API_VERSION, entries, vars));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML", e);
    }
  }

  @Transactional
  public ImportReport importYaml(Caller caller, String yaml) {
    ConfigDocument doc = parse(yaml);
    int created = 0;
    int updated = 0;
    List<String> notes = new ArrayList<>();
    List<VariableView> existingVars = variables.list(caller);
    for (VariableEntry v : doc.variables() == null ? List.<VariableEntry>of() : doc.variables()) {
      var existing =
          existingVars.stream()
              .filter(
                  e ->
                      e.scope().equals(v.scope())
                          && e.name().equals(v.name())
                          && e.workspace().equals(caller.workspace()))
              .findFirst();
      VariableDraft draft =
          new VariableDraft(
              v.scope(), v.name(), v.value(), Boolean.TRUE.equals(v.secure()), v.description());
      if (existing.isPresent()) {
        variables.update(caller, existing.get().id(), draft);
        updated++;
      } else if (v.value() == null) {
        notes.add(
            "variable "
                + v.scope()
                + "."
                + v.name()
                + ": secure, no value in the document; create it by hand");
      } else {
        variables.create(caller, draft);
        created++;
      }
    }
    for (IntegrationEntry e :
        doc.integrations() == null ? List.<IntegrationEntry>of() : doc.integrations()) {
      IntegrationDraft draft =
          new IntegrationDraft(
              e.name(),
              e.description(),
              e.provider(),
              e.apiKey(),
              e.organization(),
              e.azureResource(),
              e.azureApiVersion(),
              e.baseUrl(),
              e.requestTimeoutSeconds(),
              e.maxRetries(),
              e.rateLimitRpm(),
              null,
              e.headers(),
              e.aws());
      var existing =
          store.list(caller.admin() ? null : caller.username()).stream()
              .filter(
                  i ->
                      i.workspace.equals(caller.workspace())
                          && i.name.equalsIgnoreCase(e.name() == null ? "" : e.name().trim()))
              .findFirst();
      String id =
          existing.isPresent()
              ? integrations.update(caller, existing.get().id, draft).id()
              : integrations.create(caller, draft).id();
      if (existing.isPresent()) {
        updated++;
      } else {
        created++;
      }
      for (ModelEntry m : e.models() == null ? List.<ModelEntry>of() : e.models()) {
        ModelDraft md =
            new ModelDraft(
                m.modelId(), m.displayName(), m.description(), m.deploymentId(), m.enabled());
        if (store.model(id, m.modelId()).isEmpty()) {
          integrations.addModel(caller, id, md);
        } else if (m.enabled() != null) {
          integrations.setModelEnabled(caller, id, m.modelId(), m.enabled());
        }
      }
    }
    return new ImportReport(created, updated, notes);
  }

  /** Header values as they are when they are references, else references to variables to define. */
  private java.util.Map<String, String> headerReferences(Integration i) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    HeaderCodec.open(sealer, i)
        .forEach(
            (name, value) ->
                out.put(
                    name,
                    Template.parse(value).hasReferences()
                        ? value
                        : "{{env." + slug(i.name) + "_HEADER_" + slug(name) + "}}"));
    return out.isEmpty() ? null : out;
  }

  private static String slug(String text) {
    String s =
        text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
    return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "I_" + s : s;
  }

  /** The stored key if it is already a reference; otherwise a reference to a variable to define. */
  private String keyReference(Integration i) {
    if (i.apiKeySealed == null) {
      return null;
    }
    String stored = sealer.open(i.apiKeySealed, Integrations.TABLE, i.id, Integrations.API_KEY);
    Template t = Template.parse(stored);
    if (t.hasReferences()) {
      return stored;
    }
    return "{{env." + slug(i.name) + "_API_KEY}}";
  }

  private static ConfigDocument parse(String yaml) {
    if (yaml == null || yaml.isBlank()) {
      throw new InvalidRequestException("body", "a YAML document is required");
    }
    ConfigDocument doc;
    try {
      doc = YAML.readValue(yaml, ConfigDocument.class);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new InvalidRequestException(
          "body", "the YAML document is not valid" + where + ": " + e.getOriginalMessage());
    }
    if (!ConfigDocument.API_VERSION.equals(doc.apiVersion())) {
      throw new InvalidRequestException(
          "apiVersion", "apiVersion must be " + ConfigDocument.API_VERSION);
    }
    return doc;
  }
}
