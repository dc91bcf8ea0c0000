package dev.switchboard.console.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/** Who is signed in, and signing out. */
@Named
@RequestScoped
public class SessionView {

  public String getUsername() {
    return external().getRemoteUser();
  }

  public boolean isAdmin() {
    return external().isUserInRole("admin");
  }

  public void signOut() throws IOException, ServletException {
    ExternalContext ctx = external();
    ((HttpServletRequest) ctx.getRequest()).logout();
    ctx.invalidateSession();
    ctx.redirect(ctx.getRequestContextPath() + "/");
  }

  private static ExternalContext external() {
    return FacesContext.getCurrentInstance().getExternalContext();
  }
}
