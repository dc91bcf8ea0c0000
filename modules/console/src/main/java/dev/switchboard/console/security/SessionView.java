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

  /**
   * Ends the session while still signed in, then signs out: the other order has an anonymous
   * request touch the admin's session, which Liberty refuses (SESN0008E).
   */
  public void signOut() throws IOException, ServletException {
    ExternalContext ctx = external();
    ctx.invalidateSession();
    ((HttpServletRequest) ctx.getRequest()).logout();
    ctx.redirect(ctx.getRequestContextPath() + "/");
  }

  private static ExternalContext external() {
    return FacesContext.getCurrentInstance().getExternalContext();
  }
}
