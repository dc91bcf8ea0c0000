package dev.switchboard.integrations;

import dev.switchboard.integrations.secrets.SecretSealer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Stream;

/** Which integrations of a workspace refer to a variable in a field that accepts references. */
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
    return Stream.concat(
        Stream.of(key, i.baseUrl, i.organization, i.azureResource),
        HeaderCodec.open(sealer, i).values().stream());
  }
}
