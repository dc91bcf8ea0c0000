package dev.switchboard.integrations;

import dev.switchboard.providers.catalog.CatalogEntry;
import dev.switchboard.providers.catalog.ModelCatalog;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The model catalog the server uses: the built-in one, with the entries of {@code
 * switchboard.providers.catalog-file} ({@code SWITCHBOARD_PROVIDERS_CATALOG_FILE}, a JSON file in
 * the built-in format) added or replacing built-in ones. Read once at start; a bad file stops the
 * start with a message saying what is wrong.
 */
@ApplicationScoped
public class Catalog {

  @Inject
  @ConfigProperty(name = "switchboard.providers.catalog-file")
  Optional<String> overrideFile;

  private ModelCatalog catalog;

  @PostConstruct
  void load() {
    catalog = ModelCatalog.load(overrideFile.filter(f -> !f.isBlank()).map(Catalog::url));
  }

  public ModelCatalog catalog() {
    return catalog;
  }

  /** The well-known models of a provider (none for admin-added providers). */
  public List<CatalogEntry> models(String providerId) {
    return catalog.models(providerId);
  }

  private static URL url(String file) {
    try {
      return Path.of(file.trim()).toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(
          "switchboard.providers.catalog-file is not a file path", e);
    }
  }
}
