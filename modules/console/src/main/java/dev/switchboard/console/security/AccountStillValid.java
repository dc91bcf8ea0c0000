package dev.switchboard.console.security;

import dev.switchboard.platform.security.Account;
import dev.switchboard.platform.security.AccountRepository;
import dev.switchboard.platform.security.Roles;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Ends a console session whose account was disabled, deleted or given other roles since it signed
 * in. The form login keeps a person signed in (session and single sign-on cookie) without asking
 * the account store again, so without this a disabled admin would keep the admin pages until the
 * session timed out. One primary-key read per signed-in page or AJAX request: the console is the
 * control plane, and several servers share the accounts (no cache that another server's change
 * could leave stale).
 */
@WebFilter(urlPatterns = "/*")
public class AccountStillValid extends HttpFilter {

  private static final System.Logger LOG = System.getLogger(AccountStillValid.class.getName());

  @Inject AccountRepository accounts;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String user = request.getRemoteUser();
    if (user == null || stillValid(request, accounts.find(user))) {
      chain.doFilter(request, response);
      return;
    }
    LOG.log(Level.INFO, "Console session of {0} ended: its account changed", user);
    // the session first, while still signed in (SessionView.signOut explains the order)
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    request.logout();
    // back to the start page: the container asks for a sign-in there, and remembers where to go
    String login = request.getContextPath() + "/";
    if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
      // a JSF AJAX request follows a redirect only when it comes as a partial response
      response.setContentType("text/xml");
      response.setCharacterEncoding("UTF-8");
      response
          .getWriter()
          .write(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                  + login
                  + "\"/></partial-response>");
      return;
    }
    response.sendRedirect(login);
  }

  /** The account exists, is enabled and has the roles the session was signed in with. */
  static boolean stillValid(HttpServletRequest request, Optional<Account> account) {
    if (account.isEmpty() || !account.get().enabled()) {
      return false;
    }
    for (String role : Roles.ALL) {
      if (request.isUserInRole(role) != account.get().roles().contains(role)) {
        return false;
      }
    }
    return true;
  }
}
