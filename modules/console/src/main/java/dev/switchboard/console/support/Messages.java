package dev.switchboard.console.support;

import dev.switchboard.integrations.InvalidRequestException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;

/**
 * Messages after an action. A service's validation error names a request field; the pages give the
 * input for that field the same id, so the message shows next to it (and in the growl when the
 * field is not on the page).
 */
public final class Messages {

  private Messages() {}

  public static void info(String summary) {
    add(null, FacesMessage.SEVERITY_INFO, summary, null);
  }

  public static void error(String summary) {
    add(null, FacesMessage.SEVERITY_ERROR, summary, null);
  }

  /** Keeps a message across a redirect. */
  public static void infoAfterRedirect(String summary) {
    FacesContext ctx = FacesContext.getCurrentInstance();
    ctx.getExternalContext().getFlash().setKeepMessages(true);
    info(summary);
  }

  /**
   * Shows a service's refusal next to the input with the field's id inside {@code form} (a nested
   * field's dots as underscores), else as a global message.
   *
   * @param form the client id of the form holding the inputs, e.g. {@code wizard}
   */
  public static void invalid(String form, InvalidRequestException e) {
    FacesContext ctx = FacesContext.getCurrentInstance();
    String field = e.field();
    UIComponent input = null;
    if (field != null && !field.isBlank()) {
      // "aws.region" shows at the input "aws_region" when the page has one; "headers.X-Team" is
      // about the headers input; only inputs carry a message of their own
      String nested = field.replace('.', '_');
      if (nested.matches("[A-Za-z][A-Za-z0-9_]*")) {
        input = ctx.getViewRoot().findComponent(":" + form + ":" + nested);
      }
      String base = field.split("[.\\[]", 2)[0];
      if (input == null && base.matches("[A-Za-z][A-Za-z0-9_]*")) {
        input = ctx.getViewRoot().findComponent(":" + form + ":" + base);
      }
    }
    if (input instanceof jakarta.faces.component.EditableValueHolder) {
      add(input.getClientId(ctx), FacesMessage.SEVERITY_ERROR, e.getMessage(), e.getMessage());
      ctx.validationFailed();
    } else {
      add(null, FacesMessage.SEVERITY_ERROR, "Not saved", e.getMessage());
    }
  }

  private static void add(String clientId, FacesMessage.Severity s, String summary, String detail) {
    FacesContext.getCurrentInstance()
        .addMessage(clientId, new FacesMessage(s, summary, detail == null ? "" : detail));
  }
}
