package dev.switchboard.console.library;

import dev.switchboard.console.support.ConsoleCaller;
import dev.switchboard.console.support.Messages;
import dev.switchboard.integrations.CustomProviderDraft;
import dev.switchboard.integrations.CustomProviders;
import dev.switchboard.integrations.IntegrationStatus;
import dev.switchboard.integrations.IntegrationView;
import dev.switchboard.integrations.Integrations;
import dev.switchboard.integrations.InvalidRequestException;
import dev.switchboard.providers.ProviderDescriptor;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The Models Library: a card per provider with how many of the caller's integrations use it. */
@Named
@ViewScoped
public class LibraryView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Integrations integrations;
  @Inject CustomProviders customProviders;
  @Inject ConsoleCaller callers;

  private List<Card> cards;
  private String newId;
  private String newName;
  private String newBaseUrl;
  private boolean newListsModels = true;

  /** One provider's card. */
  public record Card(
      String id,
      String displayName,
      String kind,
      String defaultBaseUrl,
      int configured,
      int active,
      int failing,
      boolean custom) {

    /** What the card says about the provider's integrations. */
    public String status() {
      if (!configurable()) {
        return configured == 0 ? "Built in" : "Built in · ready";
      }
      if (configured == 0) {
        return "Not configured";
      }
      return configured
          + " configured · "
          + active
          + " active"
          + (failing > 0 ? " · " + failing + " failing" : "");
    }

    /** The built-in sandbox is set up by the server itself; admins do not configure it. */
    public boolean configurable() {
      return !Integrations.SANDBOX.equals(id);
    }

    public String severity() {
      if (configured == 0) {
        return "secondary";
      }
      return failing > 0 ? "danger" : active > 0 ? "success" : "warning";
    }
  }

  @PostConstruct
  void load() {
    Map<String, List<IntegrationView>> byProvider =
        integrations.list(callers.caller()).stream()
            .collect(Collectors.groupingBy(IntegrationView::providerId));
    cards =
        integrations.providers().stream()
            .map(p -> card(p, byProvider.getOrDefault(p.id(), List.of())))
            .toList();
  }

  private static Card card(ProviderDescriptor p, List<IntegrationView> used) {
    return new Card(
        p.id(),
        p.displayName(),
        kind(p),
        p.defaultBaseUrl() == null ? "" : p.defaultBaseUrl().toString(),
        used.size(),
        (int) used.stream().filter(i -> i.status() == IntegrationStatus.ACTIVE).count(),
        (int) used.stream().filter(i -> i.status() == IntegrationStatus.ERROR).count(),
        ProviderDescriptor.isCustom(p.id()));
  }

  /**
   * Pre-built (its own wire), OpenAI-compatible (the OpenAI wire), added by an admin, or the
   * built-in sandbox.
   */
  static String kind(ProviderDescriptor p) {
    if (Integrations.SANDBOX.equals(p.id())) {
      return "Sandbox";
    }
    if (ProviderDescriptor.isCustom(p.id())) {
      return "Custom";
    }
    if ("openai".equals(p.family()) && !"openai".equals(p.id())) {
      return "OpenAI-compatible";
    }
    return "Pre-built";
  }

  /** Adds an OpenAI-compatible provider by its base URL (admins). */
  public void addProvider() {
    try {
      ProviderDescriptor p =
          integrations.addProvider(
              callers.caller(),
              new CustomProviderDraft(newId, newName, newBaseUrl, newListsModels));
      Messages.info("Provider " + p.displayName() + " added");
      newId = null;
      newName = null;
      newBaseUrl = null;
      newListsModels = true;
      load();
    } catch (InvalidRequestException e) {
      Messages.invalid("add-provider", e);
    }
  }

  /** Removes an added provider that no integration uses (admins). */
  public void removeProvider(String id) {
    try {
      customProviders.remove(callers.caller().username(), id);
      Messages.info("Provider " + id + " removed");
      load();
    } catch (InvalidRequestException e) {
      Messages.error(e.getMessage());
    }
  }

  public List<Card> getCards() {
    return cards;
  }

  public String getNewId() {
    return newId;
  }

  public void setNewId(String newId) {
    this.newId = newId;
  }

  public String getNewName() {
    return newName;
  }

  public void setNewName(String newName) {
    this.newName = newName;
  }

  public String getNewBaseUrl() {
    return newBaseUrl;
  }

  public void setNewBaseUrl(String newBaseUrl) {
    this.newBaseUrl = newBaseUrl;
  }

  public boolean isNewListsModels() {
    return newListsModels;
  }

  public void setNewListsModels(boolean newListsModels) {
    this.newListsModels = newListsModels;
  }
}
