package dev.switchboard.providers.transport;

import dev.switchboard.core.error.ProviderException;

/** Turns a provider's error response into the exception its adapter's mapping says. */
@FunctionalInterface
public interface ErrorTranslator {
  ProviderException translate(UpstreamError error);
}
