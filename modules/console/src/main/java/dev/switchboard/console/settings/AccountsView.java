package dev.switchboard.console.settings;

import dev.switchboard.console.support.ConsoleCaller;
import dev.switchboard.console.support.Messages;
import dev.switchboard.integrations.Accounts;
import dev.switchboard.integrations.Accounts.AccountView;
import dev.switchboard.integrations.InvalidRequestException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Console and admin API accounts (admins), as {@code /api/v1/accounts} offers them: listed without
 * passwords, created with a role and a workspace.
 */
@Named
@ViewScoped
public class AccountsView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Accounts accounts;
  @Inject ConsoleCaller callers;

  private List<AccountView> list;
  private String username;
  private String password;
  private List<String> roles = List.of("user");
  private String workspace;

  @PostConstruct
  void load() {
    list = accounts.list();
  }

  public void create() {
    try {
      Set<String> r = roles == null ? Set.of() : new LinkedHashSet<>(roles);
      AccountView a =
          accounts.create(
              callers.caller().username(),
              new Accounts.NewAccount(
                  username == null ? null : username.trim(), password, r, workspace));
      Messages.info("Account " + a.username() + " created in workspace " + a.workspace());
      username = null;
      password = null;
      roles = List.of("user");
      workspace = null;
      load();
    } catch (InvalidRequestException e) {
      password = null;
      Messages.invalid("accounts", e);
    }
  }

  public List<AccountView> getList() {
    return list;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public List<String> getRoles() {
    return roles;
  }

  public void setRoles(List<String> roles) {
    this.roles = roles;
  }

  public String getWorkspace() {
    return workspace;
  }

  public void setWorkspace(String workspace) {
    this.workspace = workspace;
  }
}
