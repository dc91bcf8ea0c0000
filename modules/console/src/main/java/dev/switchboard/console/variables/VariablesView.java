package dev.switchboard.console.variables;

import dev.switchboard.console.support.ConsoleCaller;
import dev.switchboard.console.support.Messages;
import dev.switchboard.integrations.IntegrationView;
import dev.switchboard.integrations.Integrations;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.integrations.variables.VariableDraft;
import dev.switchboard.integrations.variables.VariableNotFoundException;
import dev.switchboard.integrations.variables.VariableView;
import dev.switchboard.integrations.variables.Variables;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.primefaces.PrimeFaces;

/**
 * Environment, content and context variables: values of secure ones only ever masked (the service
 * masks them), and the integrations that use each.
 */
@Named
@ViewScoped
public class VariablesView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Variables variables;
  @Inject Integrations integrations;
  @Inject ConsoleCaller callers;

  private List<VariableView> rows;
  private Map<String, String> integrationNames;

  private String editingId;
  private String scope = "env";
  private String name;
  private String value;
  private boolean secure;
  private String description;

  @PostConstruct
  void load() {
    rows = variables.list(callers.caller());
    integrationNames =
        integrations.list(callers.caller()).stream()
            .collect(Collectors.toMap(IntegrationView::id, IntegrationView::name));
  }

  /** The names of the integrations using a variable (ids the caller cannot see stay ids). */
  public String usedBy(VariableView v) {
    if (v.usedBy().isEmpty()) {
      return "not used";
    }
    return v.usedBy().stream()
        .map(id -> integrationNames.getOrDefault(id, id))
        .collect(Collectors.joining(", "));
  }

  public void startNew() {
    editingId = null;
    scope = "env";
    name = null;
    value = null;
    secure = false;
    description = null;
  }

  public void startEdit(String id) {
    VariableView v = variables.get(callers.caller(), id);
    editingId = v.id();
    scope = v.scope();
    name = v.name();
    secure = v.secure();
    value = v.secure() ? null : v.value();
    description = v.description();
  }

  public void save() {
    try {
      if (editingId == null) {
        VariableView v =
            variables.create(
                callers.caller(), new VariableDraft(scope, name, value, secure, description));
        Messages.info("Variable " + v.reference() + " created");
      } else {
        String newValue = secure && (value == null || value.isEmpty()) ? null : value;
        VariableView v =
            variables.update(
                callers.caller(),
                editingId,
                new VariableDraft(null, null, newValue, secure, description));
        Messages.info("Variable " + v.reference() + " saved");
      }
      PrimeFaces.current().executeScript("PF('variable').hide()");
      load();
    } catch (InvalidRequestException e) {
      Messages.invalid("variable-form", e);
    } catch (VariableNotFoundException e) {
      Messages.error(e.getMessage());
    }
  }

  public void delete(String id) {
    try {
      VariableView v = variables.get(callers.caller(), id);
      variables.delete(callers.caller(), id);
      Messages.info("Variable " + v.reference() + " deleted");
    } catch (VariableNotFoundException e) {
      Messages.error(e.getMessage());
    }
    load();
  }

  public List<VariableView> getRows() {
    return rows;
  }

  public boolean isEditing() {
    return editingId != null;
  }

  public String getScope() {
    return scope;
  }

  public void setScope(String scope) {
    this.scope = scope;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public boolean isSecure() {
    return secure;
  }

  public void setSecure(boolean secure) {
    this.secure = secure;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }
}
