package dev.switchboard.routing.features;

import java.util.List;

/**
 * A feature as the admin API shows it.
 *
 * @param contentVariables the {@code content.*} variables its template uses, for callers and the
 *     console's preview
 */
public record FeatureView(
    String name,
    String description,
    String systemPrompt,
    String userTemplate,
    boolean builtIn,
    int cacheTtlSeconds,
    int cacheMaxEntries,
    List<String> contentVariables) {}
