package dev.switchboard.integrations;

import dev.switchboard.integrations.secrets.SecretSealer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which integrations of a workspace refer to a variable in a field that accepts references: the API
 * key, base URL, OpenAI organization, Azure resource, Bedrock's role ARN, STS endpoint and model
 * ARN, extra headers, a model's deployment id, and a custom endpoint's request template.
 */
@ApplicationScoped
public class VariableUsages {

  @Inject IntegrationStore store;
  @Inject SecretSealer sealer;

  /**
   * @param placeholder the reference as written in fields, e.g. {@code {{env.OPENAI_KEY}}}
   * @return the ids of the integrations using it
   */
  public List<String> integrationsUsing(String workspace, String placeholder) {
    return store.list(null).stream()
        .filter(i -> i.workspace.equals(workspace))
        .filter(i -> fields(i).anyMatch(f -> f != null && f.contains(placeholder)))
        .map(Integration::id)
        .toList();
  }

  private Stream<String> fields(Integration i) {
    String key =
        i.apiKeySealed == null
            ? null
            : sealer.open(i.apiKeySealed, Integrations.TABLE, i.id, Integrations.API_KEY);
    String template = store.customLlm(i.id).map(c -> c.requestTemplate).orElse(null);
    return Stream.of(
            Stream.of(
                key,
                i.baseUrl,
                i.organization,
                i.azureResource,
                i.awsRoleArn,
                i.awsStsEndpoint,
                i.awsModelArn,
                template),
            HeaderCodec.open(sealer, i).values().stream(),
            store.models(i.id).stream().map(m -> m.deploymentId))
        .flatMap(s -> s);
  }
}
