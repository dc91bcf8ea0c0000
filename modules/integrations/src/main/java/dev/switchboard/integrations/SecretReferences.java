package dev.switchboard.integrations;

import dev.switchboard.integrations.variables.Variables;
import dev.switchboard.variables.Template;
import dev.switchboard.variables.TemplateSyntaxException;
import dev.switchboard.variables.VariableReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an integration may refer to a secret (secure) variable: only in its credential fields (the
 * API key and header values), and only when an admin or the user who stored the variable saves it.
 * A member could otherwise point a workspace secret an admin stored at a host of their choosing; an
 * address field would otherwise carry a secret into URLs, logs and error messages. The data plane
 * applies the field rule again when it resolves an endpoint ({@link Variables#plainLookup}).
 */
@ApplicationScoped
public class SecretReferences {

  @Inject Variables variables;

  /**
   * @throws InvalidRequestException naming the field that refers to a secret it may not
   */
  public void check(Caller caller, String workspace, IntegrationDraft d) {
    Map<String, String> credentials = new LinkedHashMap<>();
    credentials.put("apiKey", d.apiKey());
    if (d.headers() != null) {
      d.headers().forEach((name, value) -> credentials.put("headers." + name, value));
    }
    refuse(
        workspace,
        credentials,
        ref -> !variables.secretUsableBy(caller, workspace, ref),
        "is a secret variable stored by another user: only admins and that user may use it");
    Map<String, String> addresses = new LinkedHashMap<>();
    addresses.put("baseUrl", d.baseUrl());
    addresses.put("organization", d.organization());
    addresses.put("azureResource", d.azureResource());
    if (d.aws() != null) {
      addresses.put("aws.roleArn", d.aws().roleArn());
      addresses.put("aws.stsEndpoint", d.aws().stsEndpoint());
      addresses.put("aws.modelArn", d.aws().modelArn());
    }
    List<ModelDraft> models = d.models() == null ? List.of() : d.models();
    for (int n = 0; n < models.size(); n++) {
      if (models.get(n) != null) {
        addresses.put("models[" + n + "].deploymentId", models.get(n).deploymentId());
      }
    }
    refuse(
        workspace,
        addresses,
        ref -> true,
        "is a secret variable: secret variables may be used only in credential fields (the API"
            + " key and header values)");
  }

  /** Refuses the first field that refers to a secret variable the rule does not let it use. */
  private void refuse(
      String workspace,
      Map<String, String> fields,
      java.util.function.Predicate<VariableReference> refused,
      String why) {
    fields.forEach(
        (field, value) ->
            secrets(workspace, value).stream()
                .filter(refused)
                .findFirst()
                .ifPresent(
                    ref -> {
                      throw new InvalidRequestException(
                          field, "{{" + ref.scope().prefix() + "." + ref.name() + "}} " + why);
                    }));
  }

  private List<VariableReference> secrets(String workspace, String value) {
    if (value == null || !value.contains("{{")) {
      return List.of();
    }
    try {
      return Template.parse(value).references().stream()
          .filter(ref -> variables.secure(workspace, ref))
          .toList();
    } catch (TemplateSyntaxException e) {
      return List.of();
    }
  }
}
