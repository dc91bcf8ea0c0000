package dev.switchboard.providers;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The adapters found on the module or class path, indexed by the provider ids they serve. */
public final class ProviderRegistry {

  /** A provider and the adapter that serves it. */
  public record Provider(ProviderDescriptor descriptor, ProviderAdapter adapter) {}

  private final Map<String, Provider> byId;
  private final List<Provider> ordered;

  private ProviderRegistry(Iterable<ProviderAdapter> adapters) {
    Map<String, Provider> map = new LinkedHashMap<>();
    for (ProviderAdapter adapter : adapters) {
      for (ProviderDescriptor d : adapter.providers()) {
        if (map.putIfAbsent(d.id(), new Provider(d, adapter)) != null) {
          throw new IllegalStateException("two adapters serve provider " + d.id());
        }
      }
    }
    this.byId = Map.copyOf(map);
    this.ordered = List.copyOf(map.values());
  }

  /** Loads the adapters registered with {@link ServiceLoader}. */
  public static ProviderRegistry load() {
    return new ProviderRegistry(ServiceLoader.load(ProviderAdapter.class));
  }

  /** A registry of the given adapters, e.g. in tests or with a custom transport. */
  public static ProviderRegistry of(Collection<? extends ProviderAdapter> adapters) {
    return new ProviderRegistry(List.copyOf(adapters));
  }

  public Optional<Provider> find(String providerId) {
    return Optional.ofNullable(byId.get(providerId));
  }

  /** Every provider, in registration order. */
  public List<Provider> providers() {
    return ordered;
  }
}
