package dev.switchboard.console.integrations;

import dev.switchboard.console.support.ConsoleCaller;
import dev.switchboard.console.support.Messages;
import dev.switchboard.integrations.ConfigDocument.ImportReport;
import dev.switchboard.integrations.ConfigPortability;
import dev.switchboard.integrations.InvalidRequestException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/**
 * Configuration as code, as {@code /api/v1/config} offers it: the caller's integrations and
 * variables exported as YAML (secrets as references), and a YAML export imported back.
 */
@Named
@RequestScoped
public class ConfigView {

  @Inject ConfigPortability portability;
  @Inject ConsoleCaller callers;
  @Inject IntegrationsView integrations;

  private String yaml;

  public StreamedContent getExport() {
    byte[] bytes = portability.export(callers.caller()).getBytes(StandardCharsets.UTF_8);
    return DefaultStreamedContent.builder()
        .name("switchboard-config.yaml")
        .contentType("application/yaml")
        .contentLength((long) bytes.length)
        .stream(() -> new ByteArrayInputStream(bytes))
        .build();
  }

  public void importYaml() {
    try {
      ImportReport r = portability.importYaml(callers.caller(), yaml);
      Messages.info(
          "Imported: "
              + r.created()
              + " created, "
              + r.updated()
              + " updated"
              + (r.notes().isEmpty() ? "" : "; " + String.join("; ", r.notes())));
      yaml = null;
      integrations.load();
    } catch (InvalidRequestException e) {
      // the API names the request body; here the body is the text area
      Messages.invalid(
          "import-form",
          "body".equals(e.field()) ? new InvalidRequestException("yaml", e.getMessage()) : e);
    }
  }

  public String getYaml() {
    return yaml;
  }

  public void setYaml(String yaml) {
    this.yaml = yaml;
  }
}
